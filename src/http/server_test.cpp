// The server waits for the flush that makes a request's writes durable before it answers
// (core/durability.hpp), without holding a thread: here a log whose flushes the test releases.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/durability.hpp"
#include "http/errors.hpp"
#include "http/testing_hooks.hpp"

namespace prongsai::http {
namespace {

// A log whose flush happens when the test says, and succeeds or fails as it says.
class HeldLog final : public Durability {
 public:
  std::uint64_t committed() override { return ++commits_; }
  void when_durable(std::uint64_t, std::function<void(bool)> done) override {
    std::lock_guard lock(mutex_);
    waiting_.push_back(std::move(done));
  }
  std::uint64_t flushes() const override { return 0; }
  std::size_t waiting() {
    std::lock_guard lock(mutex_);
    return waiting_.size();
  }
  void flush(bool ok) {
    std::vector<std::function<void(bool)>> answered;
    {
      std::lock_guard lock(mutex_);
      answered.swap(waiting_);
    }
    for (auto& done : answered) done(ok);
  }

 private:
  std::mutex mutex_;
  std::uint64_t commits_ = 0;
  std::vector<std::function<void(bool)>> waiting_;
};

struct ServerTest : ::testing::Test {
  ServerTest() {
    // A "write": notes a commit as the store does while the edge defers its durability.
    auto write = [this](Request&) {
      Unsynced* deferred = deferred_durability_on_this_thread();
      if (deferred) *deferred = Unsynced{&log, log.committed()};
      return Response::text(deferred ? "stored" : "not deferred");
    };
    router.add(Route(Method::post, "/write", Access::anyone(), write).takes(BodyRule::small_form()));
    router.add(Route(Method::get, "/read", Access::anyone(), [](Request&) { return Response::text("read"); }));
    auto port = server.listen("127.0.0.1", 0);
    EXPECT_TRUE(port);
    this->port = *port;
    thread = std::thread([this] { server.run(1); });
  }
  ~ServerTest() override {
    log.flush(true);  // nobody left waiting
    server.stop();
    thread.join();
  }

  // A connection with `request` sent.
  int send(const std::string& request) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(::write(fd, request.data(), request.size()), static_cast<ssize_t>(request.size()));
    return fd;
  }
  // What came back on `fd` within `ms` (empty: nothing).
  static std::string answer(int fd, int ms) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, ms) != 1) return {};
    char buf[8192];
    ssize_t n = ::read(fd, buf, sizeof buf);
    return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
  }
  // An anonymous POST with its cookie and CSRF token, as the pipeline wants it.
  std::string post() {
    std::string anon(43, 'a');
    return "POST /write HTTP/1.1\r\nHost: x\r\nCookie: " + std::string(kAnonCookie) + "=" + anon +
           "\r\nX-CSRF-Token: " + pipeline.csrf_token_for("a:" + anon) +
           "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\nConnection: close\r\n\r\na=1";
  }

  HeldLog log;
  Router router;
  EdgeHooks hooks = testing::one_agency_hooks();
  Pipeline pipeline{router, Limits{}, hooks, "key", CookieOptions{}};
  Server server{pipeline, Limits{}, 1};
  std::uint16_t port = 0;
  std::thread thread;
};

TEST_F(ServerTest, AWriteIsAnsweredOnlyAfterItsFlushAndTheThreadsServeOthersMeanwhile) {
  int writer = send(post());
  for (int i = 0; i < 200 && log.waiting() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_EQ(log.waiting(), 1u) << "the request's commit is waited for";
  EXPECT_EQ(answer(writer, 200), "") << "no answer before the flush";
  // One I/O thread and one worker, both free: another request is served while the write waits.
  int reader = send("GET /read HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(answer(reader, 5000).find("200 OK"), std::string::npos);
  ::close(reader);
  log.flush(true);
  std::string got = answer(writer, 5000);
  EXPECT_NE(got.find("200 OK"), std::string::npos) << got;
  EXPECT_NE(got.find("stored"), std::string::npos) << got;
  ::close(writer);
}

TEST_F(ServerTest, AFailedFlushIsAnsweredAsNotKnownToBeSaved) {
  int writer = send(post());
  for (int i = 0; i < 200 && log.waiting() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  log.flush(false);
  std::string got = answer(writer, 5000);
  EXPECT_NE(got.find("503"), std::string::npos) << got;
  EXPECT_NE(got.find("error.not_flushed"), std::string::npos) << got;
  ::close(writer);
}

}  // namespace
}  // namespace prongsai::http
