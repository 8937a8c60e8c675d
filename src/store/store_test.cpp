// The store's guarantees: one transaction per write with its audit row, rollback on error and
// on throw, SELECT-only reads, constraint violations as conflicts.
#include "store/store.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <regex>
#include <thread>
#include <vector>

#include "store/audit_chain.hpp"
#include "testing/store_test_base.hpp"

namespace prongsai::store {
namespace {
struct StoreTest : testing::StoreTestBase {
  void SetUp() override {
    StoreTestBase::SetUp();
    store->apply_schema("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
  }
  std::int64_t things() {
    return store->read([](ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM things"); });
  }
  std::int64_t audit_rows() {
    return store->read([](ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM audit_log"); });
  }
};

constexpr std::string_view kInsert = "INSERT INTO things (name) VALUES (?) RETURNING id";

TEST_F(StoreTest, AWriteCommitsItsRowAndItsAuditEntryTogether) {
  auto id = store->write(Actor::cli(), [](WriteTx& tx) -> Result<std::int64_t> {
    return tx.apply(Change::create(7, "thing", {{"name", "a"}}), kInsert, {std::string("a")}).at(0).integer("id");
  });
  ASSERT_TRUE(id) << id.error().detail;
  EXPECT_EQ(things(), 1);
  auto row = store->read([](ReadTx& tx) {
    return tx.query_one("SELECT agency_id, seq, entity, entity_id, after_json, prev_hash, hash FROM audit_log");
  });
  ASSERT_TRUE(row);
  EXPECT_EQ(row->integer("agency_id"), 7);
  EXPECT_EQ(row->integer("seq"), 1);
  EXPECT_EQ(row->text("entity"), "thing");
  EXPECT_EQ(row->text("entity_id"), std::to_string(*id));
  EXPECT_EQ(row->text("after_json"), R"({"id":1,"name":"a"})");
  EXPECT_EQ(row->text("prev_hash"), kGenesisHash);
}

TEST_F(StoreTest, AnErrorResultRollsEverythingBack) {
  auto r = store->write(Actor::cli(), [](WriteTx& tx) -> Result<void> {
    tx.apply(Change::create(1, "thing", {}), kInsert, {std::string("a")});
    return fail(Error::invalid_field("name", "error.required"));
  });
  EXPECT_FALSE(r);
  EXPECT_EQ(things(), 0);
  EXPECT_EQ(audit_rows(), 0);
}

TEST_F(StoreTest, AThrowRollsEverythingBack) {
  EXPECT_THROW(store->write(Actor::cli(),
                            [](WriteTx& tx) -> Result<void> {
                              tx.apply(Change::create(1, "thing", {}), kInsert, {std::string("a")});
                              throw std::runtime_error("disk full");
                            }),
               std::runtime_error);
  EXPECT_EQ(things(), 0);
  EXPECT_EQ(audit_rows(), 0);
}

// Group commit (core/durability.hpp): a write outside a request is on disk when it returns.
TEST_F(StoreTest, AWriteReturnsOnlyOnceItIsOnDisk) {
  Durability* log = store->durability();
  if (!log) GTEST_SKIP() << "PostgreSQL's commit is on disk when it returns";
  std::uint64_t before = log->flushes();
  ASSERT_TRUE(store->write(Actor::cli(), [](WriteTx& tx) -> Result<void> {
    tx.apply(Change::create(1, "thing", {}), kInsert, {std::string("a")});
    return {};
  }));
  EXPECT_EQ(log->flushes(), before + 1) << "the write waited for a flush of its own";
  bool already = false;
  log->when_durable(1, [&](bool ok) { already = ok; });
  EXPECT_TRUE(already) << "a commit already flushed is answered at once";
}

// The edge's way: a request's commits are noted, not waited for, and its answer waits for one
// flush. Writes that arrive together share that flush; each is its own transaction with its own
// audit entry, so the one refused among them takes nothing of its neighbours with it.
TEST_F(StoreTest, WritesThatArriveTogetherShareOneFlushAndARefusedOneTakesNoNeighbourWithIt) {
  Durability* log = store->durability();
  if (!log) GTEST_SKIP() << "PostgreSQL's commit is on disk when it returns";
  std::uint64_t before = log->flushes();
  Unsynced pending;
  {
    DeferDurability deferred;
    for (int i = 0; i < 20; ++i) {
      auto r = store->write(Actor::citizen(), [&](WriteTx& tx) -> Result<void> {
        tx.apply(Change::create(1, "thing", {}), kInsert, {"answer " + std::to_string(i)});
        if (i == 7) return fail(Error::invalid_field("name", "error.required"));
        return {};
      });
      EXPECT_EQ(static_cast<bool>(r), i != 7);
    }
    pending = deferred.take();
  }
  ASSERT_EQ(pending.log, log);
  EXPECT_EQ(log->flushes(), before) << "nothing flushed while nobody waits";
  std::promise<bool> flushed;
  log->when_durable(pending.seq, [&](bool ok) { flushed.set_value(ok); });
  EXPECT_TRUE(flushed.get_future().get());
  EXPECT_EQ(log->flushes(), before + 1) << "nineteen commits, one flush";
  EXPECT_EQ(things(), 19);
  EXPECT_EQ(audit_rows(), 19);
  EXPECT_EQ(store->read([](ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM things WHERE name = 'answer 7'"); }), 0);
}

// Submissions that arrive while a batch is being written wait for the next one and go into it
// together, each in its savepoint: the refused one and the one that breaks a constraint are
// rolled back alone, told so, and leave their neighbours stored with their audit entries.
TEST_F(StoreTest, SubmissionsThatArriveTogetherShareOneTransactionAndARefusedOneTakesNoNeighbourWithIt) {
  if (!store->durability()) GTEST_SKIP() << "PostgreSQL writes each submission as write does";
  ASSERT_TRUE(store->write(Actor::cli(), [&](WriteTx& tx) -> Result<void> {
    tx.apply(Change::create(1, "thing", {}), kInsert, {std::string("taken")});
    return {};
  }));
  const std::uint64_t batches = store->batches_written();
  std::mutex m;
  std::condition_variable cv;
  bool first_in = false, go = false;
  std::thread first([&] {
    auto r = store->submit(Actor::citizen(), [&](WriteTx& tx) -> Result<void> {
      tx.apply(Change::create(1, "thing", {}), kInsert, {std::string("first")});
      std::unique_lock lock(m);
      first_in = true;
      cv.notify_all();
      cv.wait(lock, [&] { return go; });  // the batch is held open while the others arrive
      return {};
    });
    EXPECT_TRUE(r);
  });
  {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return first_in; });
  }
  std::vector<std::thread> others;
  std::vector<Result<void>> results(10, Result<void>{});
  for (int i = 0; i < 10; ++i)
    others.emplace_back([&, i] {
      results[i] = store->submit(Actor::citizen(), [&](WriteTx& tx) -> Result<void> {
        tx.apply(Change::create(1, "thing", {}), kInsert,
                 {i == 4 ? std::string("taken") : "answer " + std::to_string(i)});  // 4: a constraint broken
        if (i == 7) return fail(Error::invalid_field("name", "error.required"));    // 7: refused
        return {};
      });
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // all ten are waiting for the turn
  {
    std::lock_guard lock(m);
    go = true;
  }
  cv.notify_all();
  first.join();
  for (auto& t : others) t.join();
  for (int i = 0; i < 10; ++i) EXPECT_EQ(static_cast<bool>(results[i]), i != 4 && i != 7) << i;
  EXPECT_EQ(results[4].error().kind, ErrorKind::conflict);
  EXPECT_EQ(results[7].error().field, "name");
  EXPECT_EQ(store->batches_written(), batches + 2) << "the first alone, then the ten together";
  EXPECT_EQ(things(), 1 + 1 + 8);
  EXPECT_EQ(audit_rows(), 1 + 1 + 8);
  EXPECT_EQ(store->read([](ReadTx& tx) {
    return tx.count("SELECT COUNT(*) FROM things WHERE name IN ('answer 4', 'answer 7')");
  }),
            0);
  EXPECT_EQ(store->read([](ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM things WHERE name = 'taken'"); }), 1);
}

// SQLite takes one writer at a time: this process's writers queue in the store (none meets the
// database's lock and sleeps in its busy handler), and every one of them is stored.
TEST_F(StoreTest, WritersOnManyThreadsAreAllStored) {
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        auto r = store->write(Actor::citizen(), [&](WriteTx& tx) -> Result<void> {
          tx.apply(Change::create(1, "thing", {}), kInsert, {std::to_string(t) + "-" + std::to_string(i)});
          return {};
        });
        if (!r) ++failed;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(things(), 200);
  EXPECT_EQ(audit_rows(), 200);
}

TEST_F(StoreTest, AUniqueViolationIsAConflictAndLeavesNothing) {
  auto insert = [&](const char* name) {
    return store->write(Actor::cli(), [&](WriteTx& tx) -> Result<void> {
      tx.apply(Change::create(1, "thing", {}), kInsert, {std::string(name)});
      return ok();
    });
  };
  ASSERT_TRUE(insert("a"));
  auto again = insert("a");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::conflict);
  EXPECT_EQ(audit_rows(), 1);
}

TEST_F(StoreTest, ReadsAreSelectOnlyAndAlsoNeedsAnAuditedChange) {
  EXPECT_THROW(store->read([](ReadTx& tx) { return tx.query("DELETE FROM things"); }), std::logic_error);
  EXPECT_THROW(store->write(Actor::cli(),
                            [](WriteTx& tx) -> Result<void> {
                              tx.also(kInsert, {std::string("sneaky")});
                              return ok();
                            }),
               std::logic_error);
  EXPECT_EQ(things(), 0);
}

TEST_F(StoreTest, ChainsArePerAgencyAndLinked) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(store->write(Actor::cli(), [&](WriteTx& tx) -> Result<void> {
      tx.apply(Change::create(i % 2, "thing", {}), kInsert, {"n" + std::to_string(i)});
      return ok();
    }));
  }
  auto rows = store->read(
      [](ReadTx& tx) { return tx.query("SELECT agency_id, seq, prev_hash, hash FROM audit_log ORDER BY id"); });
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].integer("agency_id"), 0);
  EXPECT_EQ(rows[2].integer("seq"), 2);
  EXPECT_EQ(rows[2].text("prev_hash"), rows[0].text("hash"));  // agency 0's second entry links to its first
}

TEST_F(StoreTest, ValuesRoundTripWithTheirTypes) {
  store->apply_schema("CREATE TABLE kinds (id INTEGER PRIMARY KEY, i BIGINT, r DOUBLE PRECISION, t TEXT, b BLOB)");
  std::string bytes("\x00\x01\xff\x7f", 4);
  ASSERT_TRUE(store->write(Actor::cli(), [&](WriteTx& tx) -> Result<void> {
    tx.apply(Change::create(1, "kind", {}), "INSERT INTO kinds (i, r, t, b) VALUES (?, ?, ?, ?) RETURNING id",
             {std::int64_t{-9007199254740993}, 2.5, std::string("ข้อความ ' \" ?"), Blob{bytes}});
    tx.also("INSERT INTO kinds (i, r, t, b) VALUES (?, ?, ?, ?)", {nullptr, nullptr, nullptr, nullptr});
    return ok();
  }));
  auto rows = store->read([](ReadTx& tx) { return tx.query("SELECT i, r, t, b FROM kinds ORDER BY id"); });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].integer("i"), -9007199254740993);
  EXPECT_DOUBLE_EQ(rows[0].real("r"), 2.5);
  EXPECT_EQ(rows[0].text("t"), "ข้อความ ' \" ?");
  EXPECT_EQ(std::get<Blob>(rows[0].value(3)).bytes, bytes);
  for (const char* c : {"i", "r", "t", "b"}) EXPECT_TRUE(rows[1].is_null(c));
}

// Rows one at a time (libpq's single-row mode on PostgreSQL): the same rows and values as a
// whole query; a callback that throws leaves the transaction usable, the statement too.
TEST_F(StoreTest, RowsOneAtATimeAreTheRowsOfTheQuery) {
  store->apply_schema("CREATE TABLE kinds (id INTEGER PRIMARY KEY, t TEXT, b BLOB)");
  ASSERT_TRUE(store->write(Actor::cli(), [&](WriteTx& tx) -> Result<void> {
    tx.apply(Change::create(1, "kind", {}), "INSERT INTO kinds (t, b) VALUES (?, ?)",
             {std::string("หนึ่ง"), Blob{std::string("\x00\x01", 2)}});
    for (int i = 2; i <= 50; ++i)
      tx.also("INSERT INTO kinds (t, b) VALUES (?, ?)", {std::to_string(i), Blob{std::string(1000, char(i))}});
    return ok();
  }));
  constexpr std::string_view kAll = "SELECT id, t, b FROM kinds WHERE id > ? ORDER BY id";
  store->read([&](ReadTx& tx) {
    Rows whole = tx.query(kAll, {std::int64_t{0}});
    std::size_t n = 0;
    tx.each(kAll, {std::int64_t{0}}, [&](const Row& r) {
      ASSERT_LT(n, whole.size());
      EXPECT_EQ(r.integer("id"), whole[n].integer("id"));
      EXPECT_EQ(r.column_name(1), "t");
      EXPECT_EQ(r.text("t"), whole[n].text("t"));
      EXPECT_EQ(std::get<Blob>(r.value(2)).bytes, std::get<Blob>(whole[n].value(2)).bytes);
      ++n;
    });
    EXPECT_EQ(n, 50u);

    int seen = 0;
    EXPECT_THROW(tx.each(kAll, {std::int64_t{0}},
                         [&](const Row&) {
                           if (++seen == 3) throw std::runtime_error("stop");
                         }),
                 std::runtime_error);
    EXPECT_EQ(seen, 3) << "no row after the throw";
    EXPECT_EQ(tx.count("SELECT COUNT(*) FROM kinds"), 50) << "the connection answers the next statement";
    EXPECT_EQ(tx.query(kAll, {std::int64_t{48}}).size(), 2u) << "and the same statement again";
    EXPECT_THROW(tx.each("DELETE FROM kinds", {}, [](const Row&) {}), std::logic_error);
    return 0;
  });
}

// PostgreSQL restarted, failed over to its standby, or the network cut: the pool's connections
// are dead. The next transaction finds out at BEGIN, before anything was done, and begins again
// on a new connection; reads and writes go on without an error reaching anyone.
TEST_F(StoreTest, ConnectionsTheServerDroppedAreReplacedAtTheNextTransaction) {
  if (!testing::on_postgresql()) GTEST_SKIP() << "PostgreSQL's server can drop a connection";
  auto pid = [&] { return store->read([](ReadTx& tx) { return tx.count("SELECT pg_backend_pid()"); }); };
  auto other = Store::open(url, clock);  // another node: the pool's connection stays idle meanwhile
  ASSERT_TRUE(other);
  auto drop = [&](std::int64_t backend) {
    (*other)->read([&](ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM pg_terminate_backend(?)", {backend}); });
    // The server ends the backend after answering: wait until it is gone.
    for (int i = 0; i < 100; ++i) {
      if ((*other)->read([&](ReadTx& tx) {
            return tx.count("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?", {backend});
          }) == 0)
        return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL() << "backend " << backend << " still there";
  };

  std::int64_t first = pid();
  drop(first);
  std::int64_t second = pid();  // a read on the dropped connection: begun again on a new one
  EXPECT_NE(second, first);

  drop(second);
  auto id = store->write(Actor::cli(), [](WriteTx& tx) -> Result<std::int64_t> {
    return tx.apply(Change::create(1, "thing", {{"name", "after"}}), kInsert, {std::string("after")})
        .at(0)
        .integer("id");
  });
  ASSERT_TRUE(id) << id.error().detail;
  EXPECT_EQ(things(), 1);
}

TEST_F(StoreTest, EveryCommitBumpsItsAgencysGeneration) {
  auto before = store->generation(1);
  ASSERT_TRUE(store->write(Actor::cli(), [](WriteTx& tx) -> Result<void> {
    tx.apply(Change::create(1, "thing", {}), kInsert, {std::string("a")});
    return ok();
  }));
  EXPECT_GT(store->generation(1), before);
}

TEST_F(StoreTest, AnotherNodesWriteMakesThisNodesCacheStale) {
  // A second store on the same database stands for a second node (PostgreSQL), or for a
  // command run beside the server on the same file (SQLite, seen within a second).
  auto other = Store::open(url, clock);
  ASSERT_TRUE(other);
  auto seen = (*other)->generation(1);
  ASSERT_TRUE(store->write(Actor::cli(), [](WriteTx& tx) -> Result<void> {
    tx.apply(Change::create(1, "thing", {}), kInsert, {std::string("from node A")});
    return ok();
  }));
  for (int i = 0; i < 150 && (*other)->generation(1) == seen; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_GT((*other)->generation(1), seen);
}

// A survey answered in one agency leaves the other agencies' cached pages alone, on this node
// and on the others; a change of every agency (audited under the installation, or marked so)
// reaches all of them.
TEST_F(StoreTest, AWriteMakesOnlyItsAgencysPagesStaleHereAndOnTheOtherNodes) {
  if (!testing::on_postgresql())
    GTEST_SKIP() << "SQLite's listener cannot tell whose commit it saw: every commit is every agency's within a second";
  auto other = Store::open(url, clock);
  ASSERT_TRUE(other);
  auto wait = [](auto done) {
    for (int i = 0; i < 250 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return done();
  };
  ASSERT_TRUE(wait([&] { return (*other)->generation(0) > 1; })) << "the other node is listening";
  int n = 0;
  auto write = [&](std::int64_t agency, bool every) {
    ASSERT_TRUE(store->write(Actor::cli(), [&](WriteTx& tx) -> Result<void> {
      tx.apply(Change::create(agency, "thing", {}), kInsert, {"t" + std::to_string(++n)});
      if (every) tx.changes_every_agency();
      return ok();
    }));
  };
  struct Seen {
    std::uint64_t all, one, two;
  };
  auto seen = [](Store& s) { return Seen{s.generation(0), s.generation(1), s.generation(2)}; };

  Seen here = seen(*store), there = seen(**other);
  write(1, false);
  EXPECT_GT(store->generation(1), here.one);
  EXPECT_TRUE(wait([&] { return (*other)->generation(1) > there.one; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // anything more would have come by now
  EXPECT_EQ(store->generation(2), here.two);
  EXPECT_EQ(store->generation(0), here.all);
  EXPECT_EQ((*other)->generation(2), there.two);
  EXPECT_EQ((*other)->generation(0), there.all);

  for (bool marked : {false, true}) {
    here = seen(*store);
    there = seen(**other);
    write(marked ? 1 : 0, marked);  // the installation's change, or one marked every agency's
    EXPECT_GT(store->generation(0), here.all);
    EXPECT_GT(store->generation(2), here.two);
    EXPECT_TRUE(wait([&] { return (*other)->generation(0) > there.all && (*other)->generation(2) > there.two; }));
  }
}

// A TCP proxy on loopback to PostgreSQL's Unix socket that can go silent the way a vanished
// host does: after silence(), the connections open so far swallow whatever either side sends
// and never close; connections made later wait until speak(), then are relayed.
class SilentProxy {
 public:
  explicit SilentProxy(std::string unix_path) : target_(std::move(unix_path)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&a), len) != 0 || ::listen(listener_, 16) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
      throw std::runtime_error("proxy: cannot listen");
    port_ = ntohs(a.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~SilentProxy() {
    stop_ = true;
    acceptor_.join();  // then nothing adds to relays_
    for (auto& t : relays_) t.join();
    ::close(listener_);
  }
  int port() const { return port_; }
  // The Unix socket of the server a test database URL names (host=DIR&port=N).
  static std::string socket_of(const std::string& url) {
    std::smatch host, port;
    if (!std::regex_search(url, host, std::regex("host=([^&]+)")) ||
        !std::regex_search(url, port, std::regex("port=([0-9]+)")))
      throw std::runtime_error("proxy: no host and port in " + url);
    return host[1].str() + "/.s.PGSQL." + port[1].str();
  }
  // The same database, reached through this proxy.
  std::string url_through(const std::string& url) const {
    return std::regex_replace(std::regex_replace(url, std::regex("host=[^&]+"), "host=127.0.0.1"),
                              std::regex("port=[0-9]+"), "port=" + std::to_string(port_));
  }
  void silence() {
    ++silences_;
    silent_ = true;
  }
  void speak() { silent_ = false; }

 private:
  void accept_loop() {
    while (!stop_) {
      pollfd p{listener_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) continue;
      int server = ::socket(AF_UNIX, SOCK_STREAM, 0);
      sockaddr_un u{};
      u.sun_family = AF_UNIX;
      target_.copy(u.sun_path, sizeof u.sun_path - 1);
      if (::connect(server, reinterpret_cast<sockaddr*>(&u), sizeof u) != 0) {
        ::close(client);
        ::close(server);
        continue;
      }
      relays_.emplace_back([this, client, server, born = silences_.load()] { relay(client, server, born); });
    }
  }
  void relay(int client, int server, int born) {
    char buf[16384];
    while (!stop_) {
      pollfd p[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
      if (::poll(p, 2, 50) <= 0) continue;
      // Decided after the wait, so nothing that arrived after silence() is relayed.
      bool swallowing = born < silences_;  // open when the silence began
      if (!swallowing && silent_) {        // made during the silence: waits, unread
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        continue;
      }
      bool closed = false;
      for (int i = 0; i < 2; ++i) {
        if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        ssize_t n = ::read(p[i].fd, buf, sizeof buf);
        if (n <= 0)
          closed = true;
        else if (!swallowing)
          closed = closed || ::write(p[1 - i].fd, buf, static_cast<std::size_t>(n)) != n;
      }
      if (closed) break;
    }
    ::close(client);
    ::close(server);
  }

  std::string target_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false}, silent_{false};
  std::atomic<int> silences_{0};
  std::thread acceptor_;
  std::vector<std::thread> relays_;
};

// A node whose PostgreSQL went silent without closing anything (its host gone, an address moved
// to a standby) would miss other nodes' changes for as long as the kernel keeps the dead
// connection: hours of stale cached pages. The listener asks when it has heard nothing for a
// while, connects again when no answer comes, and drops its cache on connecting.
TEST_F(StoreTest, AListenerWhoseServerWentSilentConnectsAgainAndDropsTheCache) {
  if (!testing::on_postgresql()) GTEST_SKIP() << "PostgreSQL's notifications travel on a connection";
  SilentProxy proxy(SilentProxy::socket_of(url));
  std::string via = proxy.url_through(url);
  auto node = Store::open(via, clock);  // another node, reaching the database through the proxy
  ASSERT_TRUE(node);
  auto wait_for_change = [&](std::uint64_t seen, std::chrono::seconds limit) {
    for (auto end = std::chrono::steady_clock::now() + limit;
         (*node)->generation(1) == seen && std::chrono::steady_clock::now() < end;)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return (*node)->generation(1) != seen;
  };
  ASSERT_TRUE(wait_for_change(1, std::chrono::seconds(5))) << "the listener connected (and dropped the cache)";
  auto seen = (*node)->generation(1);
  ASSERT_TRUE(store->write(Actor::cli(), [](WriteTx& tx) -> Result<void> {  // heard as usual
    tx.apply(Change::create(1, "thing", {}), kInsert, {std::string("before")});
    return ok();
  }));
  ASSERT_TRUE(wait_for_change(seen, std::chrono::seconds(3)));

  proxy.silence();
  seen = (*node)->generation(1);
  ASSERT_TRUE(store->write(Actor::cli(), [](WriteTx& tx) -> Result<void> {  // its notification is lost
    tx.apply(Change::create(1, "thing", {}), kInsert, {std::string("during")});
    return ok();
  }));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ((*node)->generation(1), seen) << "the silent connection carried nothing";
  proxy.speak();  // the old connection stays silent; a new one is relayed
  EXPECT_TRUE(wait_for_change(seen, std::chrono::seconds(15)))
      << "the listener noticed the silence, connected again and dropped the cache";
}

// A PostgreSQL that takes a statement and then says nothing (stopped, its host frozen) cannot
// hold a request for ever: past the query timeout the connection is given up and the
// transaction fails as Unavailable, not tried again on a new connection; once the server
// answers again, so does the store.
TEST_F(StoreTest, AServerThatStopsAnsweringIsGivenUpAfterTheQueryTimeout) {
  if (!testing::on_postgresql()) GTEST_SKIP() << "SQLite has no server to stall";
  SilentProxy proxy(SilentProxy::socket_of(url));
  std::string via = proxy.url_through(url);
  auto node = Store::open(via, clock);
  ASSERT_TRUE(node);
  (*node)->limit(4, std::chrono::milliseconds(500), std::chrono::milliseconds(1000));
  auto read = [&] { return (*node)->read([](ReadTx& tx) { return tx.count("SELECT 1"); }); };
  ASSERT_EQ(read(), 1);
  proxy.silence();
  auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(read(), TimedOut);
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_LT(took, std::chrono::seconds(3)) << "given up after the timeout and its grace, not tried again";
  EXPECT_GE(took, std::chrono::milliseconds(1000));
  proxy.speak();
  EXPECT_EQ(read(), 1) << "a new connection once the server answers";
  auto health = (*node)->health();
  EXPECT_TRUE(health.reads && health.writes);
}

// A server holds at most so many connections; a request that finds none free waits a bounded
// time, then fails as Unavailable (a 503), instead of opening more or waiting for ever.
TEST_F(StoreTest, ThePoolLendsABoundedNumberOfConnectionsAndWaitsABoundedTime) {
  store->limit(1, std::chrono::milliseconds(200), std::chrono::milliseconds(0));
  std::atomic<bool> holding{false}, release{false};
  std::thread holder([&] {
    store->read([&](ReadTx& tx) {
      holding = true;
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      return tx.count("SELECT 1");
    });
  });
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(store->read([](ReadTx& tx) { return tx.count("SELECT 1"); }), Unavailable);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(200));
  release = true;
  holder.join();
  EXPECT_EQ(store->read([](ReadTx& tx) { return tx.count("SELECT 1"); }), 1) << "free again";
  // A connection given back wakes a waiter at once.
  holding = release = false;
  std::thread again([&] {
    store->read([&](ReadTx& tx) {
      holding = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      return tx.count("SELECT 1");
    });
  });
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_EQ(store->read([](ReadTx& tx) { return tx.count("SELECT 1"); }), 1);
  again.join();
}

TEST_F(StoreTest, ABackupIsAWorkingCopy) {
  if (testing::on_postgresql()) GTEST_SKIP() << "PostgreSQL is backed up with pg_dump";
  ASSERT_TRUE(store->write(Actor::cli(), [](WriteTx& tx) -> Result<void> {
    tx.apply(Change::create(1, "thing", {}), kInsert, {std::string("kept")});
    return ok();
  }));
  std::string copy = dir.file("backup.db");
  ASSERT_TRUE(store->backup_to(copy));
  auto restored = Store::open("sqlite:" + copy);
  ASSERT_TRUE(restored);
  EXPECT_EQ((*restored)->read([](ReadTx& tx) { return tx.query_one("SELECT name FROM things")->text("name"); }),
            "kept");
  EXPECT_FALSE(store->backup_to(copy));  // never over an existing file
}

TEST(StoreOpen, RefusesUnknownSchemesWithAClearError) {
  auto s = Store::open("mysql://x");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message_key, "error.db_url");
  auto missing_dir = Store::open("sqlite:/nonexistent-dir/x.db");
  ASSERT_FALSE(missing_dir);
  EXPECT_EQ(missing_dir.error().message_key, "error.db_open");
  auto no_server = Store::open("postgresql:///nothing?host=/nonexistent-dir&port=1");
  ASSERT_FALSE(no_server);
  EXPECT_EQ(no_server.error().message_key, "error.db_open");
  auto bad_schema = Store::open("postgresql:///x?schema=Robert'); DROP TABLE");
  ASSERT_FALSE(bad_schema);
}

}  // namespace
}  // namespace prongsai::store
