// Run-once background jobs: several nodes asking at the same moment, one runs the job.
#include "store/jobs.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <thread>

#include "testing/store_test_base.hpp"

namespace prongsai::store {
namespace {
struct JobsTest : testing::StoreTestBase {
  // A second process on the same database: its own store, its own connections.
  std::unique_ptr<Store> another_node() {
    auto s = Store::open(url, clock);
    EXPECT_TRUE(s);
    return s ? std::move(*s) : nullptr;
  }
};

TEST_F(JobsTest, OfNodesAskingTogetherExactlyOneRunsTheJobEachTimeItIsDue) {
  constexpr int kNodes = 6;
  std::vector<std::unique_ptr<Store>> stores;
  std::vector<Jobs> nodes;
  for (int i = 0; i < kNodes; ++i) stores.push_back(another_node());
  for (int i = 0; i < kNodes; ++i) nodes.emplace_back(*stores[i], "node" + std::to_string(i));
  for (int round = 0; round < 5; ++round) {
    std::int64_t next = clock.now() + 3600;
    std::atomic<int> winners = 0, ready = 0;
    std::vector<std::jthread> threads;
    for (int i = 0; i < kNodes; ++i) {
      threads.emplace_back([&, i] {
        ++ready;
        while (ready < kNodes) std::this_thread::yield();  // all ask at once
        if (nodes[i].claim("purge", next, 600)) {
          ++winners;
          nodes[i].finished("purge", "");
        }
      });
    }
    threads.clear();  // joins
    EXPECT_EQ(winners, 1) << "round " << round;
    // Asked again before the next due time: nobody.
    for (auto& n : nodes) EXPECT_FALSE(n.claim("purge", next + 3600, 600));
    clock.set(next);
  }
  auto list = nodes[0].list();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].name, "purge");
  EXPECT_EQ(list[0].runs, 5);
  EXPECT_FALSE(list[0].lease_until);
  EXPECT_EQ(list[0].last_error, "");
}

TEST_F(JobsTest, ARunStillGoingIsNotStartedAgainUntilItsLeaseEnds) {
  auto other = another_node();
  Jobs a(*store, "a"), b(*other, "b");
  ASSERT_TRUE(a.claim("queue-mail", clock.now() + 60, 900));
  clock.advance(120);  // due again, but a is still at it
  EXPECT_FALSE(b.claim("queue-mail", clock.now() + 60, 900));
  clock.advance(900);  // a's lease is over: a is presumed gone
  EXPECT_TRUE(b.claim("queue-mail", clock.now() + 60, 900));
  // a, back, cannot end b's run; b ends it, with the error it met.
  a.finished("queue-mail", "");
  ASSERT_TRUE(b.list().at(0).lease_until);
  b.finished("queue-mail", "SMTP server refused");
  auto state = b.list().at(0);
  EXPECT_FALSE(state.lease_until);
  EXPECT_EQ(state.node, "b");
  EXPECT_EQ(state.runs, 2);
  EXPECT_EQ(state.last_error, "SMTP server refused");
  EXPECT_EQ(state.finished_at, clock.now());
  // Jobs are independent of each other.
  EXPECT_TRUE(a.claim("purge", clock.now() + 60, 900));
}

TEST_F(JobsTest, TheDefaultNodeNameIsHostAndProcess) {
  auto name = Jobs::default_node_name();
  EXPECT_NE(name.find(':' + std::to_string(getpid())), std::string::npos) << name;
}

}  // namespace
}  // namespace prongsai::store
