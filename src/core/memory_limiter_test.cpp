#include "core/memory_limiter.hpp"

#include <gtest/gtest.h>

namespace prongsai {
namespace {

TEST(MemoryLimiter, CountsInClockAlignedWindowsAndForgetsThem) {
  ManualClock clock(1'800'000'000 + 3590);  // ten seconds before an hour ends
  MemoryLimiter limiter(clock);
  std::string key = limiter.key_for("complaint-address", "203.0.113.7");
  EXPECT_EQ(limiter.count(key), 0);
  EXPECT_EQ(limiter.hit(key, 3600), 1);
  EXPECT_EQ(limiter.hit(key, 3600), 2);
  EXPECT_EQ(limiter.count(key), 2);
  clock.advance(10);  // the hour is over: not the second the first hit came, the clock's hour
  EXPECT_EQ(limiter.count(key), 0);
  EXPECT_EQ(limiter.size(), 0u) << "an ended window leaves nothing behind";
  EXPECT_EQ(limiter.hit(key, 3600), 1);
}

TEST(MemoryLimiter, KeysNameNeitherTheAddressNorTheSameThingInAnotherProcess) {
  MemoryLimiter a, b;
  std::string key = a.key_for("complaint-address", "203.0.113.7");
  EXPECT_EQ(key.find("203.0.113.7"), std::string::npos);
  EXPECT_EQ(key, a.key_for("complaint-address", "203.0.113.7"));
  EXPECT_NE(key, a.key_for("question-address", "203.0.113.7"));
  EXPECT_NE(key, b.key_for("complaint-address", "203.0.113.7")) << "a key of its own per process";
}

TEST(MemoryLimiter, AFloodOfAddressesIsBoundedAndExpiredCountersMakeRoom) {
  ManualClock clock(1'800'000'000);
  MemoryLimiter limiter(clock, 3);
  for (int i = 0; i < 5; ++i) limiter.hit(limiter.key_for("k", std::to_string(i)), 60);
  EXPECT_EQ(limiter.size(), 3u);
  EXPECT_EQ(limiter.count(limiter.key_for("k", "4")), 0) << "not counted while full";
  clock.advance(60);
  EXPECT_EQ(limiter.hit(limiter.key_for("k", "4"), 60), 1);
  EXPECT_EQ(limiter.size(), 1u);
}

}  // namespace
}  // namespace prongsai
