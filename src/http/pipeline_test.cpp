// Pipeline rules that need no database: the client address behind a trusted proxy, the page
// cache's invalidation by the data generation, and the page for when the database is away.
#include "http/pipeline.hpp"

#include <gtest/gtest.h>

#include <atomic>

namespace prongsai::http {
namespace {

struct PipelineTest : ::testing::Test {
  PipelineTest() {
    router.add(Route(Method::get, "/whoami", Access::anyone(),
                     [](Request& req) { return Response::text(req.remote_address); }));
    router
        .add(Route(Method::get, "/page", Access::anyone(),
                   [this](Request& req) {
                     ++renders;
                     if (during_render) during_render(req);
                     return Response::html("<p>" + std::to_string(renders) + "</p>");
                   }))
        .cached();
    router
        .add(Route(Method::get, "/timed", Access::anyone(),
                   [this](Request& req) {
                     ++renders;
                     Response res = Response::html("<p>" + req.origin + " " + std::to_string(renders) + "</p>");
                     res.fresh_until = fresh_until;
                     return res;
                   }))
        .cached();
  }
  Response get(const std::string& path, const std::string& from,
               std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request req;
    req.method = Method::get;
    req.target = path;
    req.remote_address = from;
    req.headers = std::move(headers);
    return pipeline.handle(req);
  }
  Router router;
  int renders = 0;
  std::int64_t fresh_until = 0;
  std::function<void(Request&)> during_render;
  // Agency 2 is served at b.example, agency 1 at every other host; each has its generation.
  std::atomic<std::uint64_t> generation{1}, generation_b{1};
  bool hosts_known = true;  // the host table has every host (false: a lookup would read the database)
  EdgeHooks hooks{[](std::string_view host) { return std::int64_t{host == "b.example" ? 2 : 1}; },
                  [this](std::string_view host) {
                    return hosts_known ? std::optional<std::int64_t>(host == "b.example" ? 2 : 1) : std::nullopt;
                  },
                  [](std::string_view, std::int64_t) { return std::optional<Principal>(); },
                  [](const Request&, const Error& e) { return Response::text(e.message_key, 500); },
                  [this](std::int64_t agency) { return agency == 2 ? generation_b.load() : generation.load(); }};
  Pipeline pipeline{router, Limits{}, hooks, "key", CookieOptions{}};
};

TEST_F(PipelineTest, XRealIpCountsOnlyFromATrustedProxy) {
  pipeline.trust_proxies({"127.0.0.1"});
  EXPECT_EQ(get("/whoami", "127.0.0.1", {{"x-real-ip", "203.0.113.7"}}).body, "203.0.113.7");
  EXPECT_EQ(get("/whoami", "198.51.100.1", {{"x-real-ip", "203.0.113.7"}}).body, "198.51.100.1");
  EXPECT_EQ(get("/whoami", "127.0.0.1", {{"x-real-ip", "not an address<script>"}}).body, "127.0.0.1");
}

TEST_F(PipelineTest, CachedPagesLastUntilTheDataChanges) {
  EXPECT_EQ(get("/page", "a").body, "<p>1</p>");
  EXPECT_EQ(get("/page", "a").body, "<p>1</p>");
  ++generation;
  EXPECT_EQ(get("/page", "a").body, "<p>2</p>");
  EXPECT_EQ(renders, 2);
  Response cached = get("/page", "a");
  EXPECT_FALSE(cached.find_header("ETag").empty());
  EXPECT_EQ(get("/page", "a", {{"if-none-match", std::string(cached.find_header("ETag"))}}).status, 304);
}

TEST_F(PipelineTest, OneAgencysChangeLeavesAnotherAgencysPagesCached) {
  EXPECT_EQ(get("/page", "a").body, "<p>1</p>");
  EXPECT_EQ(get("/page", "a", {{"host", "b.example"}}).body, "<p>2</p>");
  ++generation_b;  // a survey answered in agency 2
  EXPECT_EQ(get("/page", "a").body, "<p>1</p>") << "agency 1's copy kept";
  EXPECT_EQ(get("/page", "a", {{"host", "b.example"}}).body, "<p>3</p>");
  EXPECT_EQ(renders, 3);
}

TEST_F(PipelineTest, AWriteWhileAPageIsMadeLeavesThatPageStale) {
  // The page read the data before the write committed: kept as current, it would hide the
  // write until the next one.
  during_render = [this](Request&) { ++generation; };
  EXPECT_EQ(get("/page", "a").body, "<p>1</p>");
  during_render = nullptr;
  EXPECT_EQ(get("/page", "a").body, "<p>2</p>");
  EXPECT_EQ(get("/page", "a").body, "<p>2</p>");
}

TEST_F(PipelineTest, APageThatChangesWithTimeIsCachedOnlyUntilThen) {
  fresh_until = std::time(nullptr) + 3600;  // a post scheduled in an hour
  EXPECT_EQ(get("/timed", "a", {{"host", "namom.go.th"}}).body, "<p>http://namom.go.th 1</p>");
  EXPECT_EQ(get("/timed", "a", {{"host", "namom.go.th"}}).body, "<p>http://namom.go.th 1</p>");
  fresh_until = std::time(nullptr) - 1;  // its time has come
  ++generation;
  EXPECT_EQ(get("/timed", "a", {{"host", "namom.go.th"}}).body, "<p>http://namom.go.th 2</p>");
  EXPECT_EQ(get("/timed", "a", {{"host", "namom.go.th"}}).body, "<p>http://namom.go.th 3</p>") << "not kept";
}

TEST_F(PipelineTest, TheCacheKeepsEachHostApartAndIgnoresOddHosts) {
  EXPECT_EQ(get("/timed", "a", {{"host", "www.namom.go.th:8080"}}).body, "<p>http://www.namom.go.th:8080 1</p>");
  // Another Host never gets the first one's links.
  EXPECT_EQ(get("/timed", "b", {{"host", "evil.example"}}).body, "<p>http://evil.example 2</p>");
  EXPECT_EQ(get("/timed", "a", {{"host", "www.namom.go.th:8080"}}).body, "<p>http://www.namom.go.th:8080 1</p>");
  EXPECT_EQ(get("/timed", "b", {{"host", "x\"><script>"}}).body, "<p> 3</p>");
}

// On PostgreSQL the I/O thread answers only what the cache holds and needs no database for;
// everything else goes to the worker pool through handle().
TEST_F(PipelineTest, TheCacheAloneAnswersOnlyAnonymousGetsItHolds) {
  auto quick = [&](const std::string& path, std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request req;
    req.method = Method::get;
    req.target = path;
    req.remote_address = "a";
    req.headers = std::move(headers);
    return pipeline.from_cache(req, pipeline.plan(req.method, req.target));
  };
  EXPECT_FALSE(quick("/page")) << "not made yet";
  EXPECT_EQ(get("/page", "a").body, "<p>1</p>");
  auto hit = quick("/page");
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->body, "<p>1</p>");
  EXPECT_FALSE(hit->find_header("Content-Security-Policy").empty());
  EXPECT_EQ(quick("/page", {{"if-none-match", std::string(hit->find_header("ETag"))}})->status, 304);
  EXPECT_FALSE(quick("/page", {{"cookie", std::string(kSessionCookie) + "=x"}})) << "whose session: the database";
  EXPECT_FALSE(quick("/whoami")) << "not a cached route";
  EXPECT_FALSE(quick("/page", {{"host", "b.example"}})) << "agency 2's copy is not agency 1's";
  hosts_known = false;
  EXPECT_FALSE(quick("/page")) << "the host table out of date";
  hosts_known = true;
  ++generation;
  EXPECT_FALSE(quick("/page")) << "stale";
  EXPECT_EQ(renders, 1);
}

// What the server answers when even the error page fails (server.cpp): a Thai page that
// needs no data, 503 with a time to come back, and the usual security headers.
TEST_F(PipelineTest, TheUnavailablePageNeedsNothingButItself) {
  Response res = pipeline.unavailable();
  EXPECT_EQ(res.status, 503);
  EXPECT_NE(res.body.find("<html lang=\"th\">"), std::string::npos);
  EXPECT_NE(res.body.find("ระบบขัดข้องชั่วคราว"), std::string::npos);
  EXPECT_EQ(res.find_header("Retry-After"), "30");
  EXPECT_EQ(res.find_header("Cache-Control"), "no-store");
  EXPECT_FALSE(res.find_header("Content-Security-Policy").empty());
  EXPECT_TRUE(res.find_header("Content-Type").starts_with("text/html"));
}

}  // namespace
}  // namespace prongsai::http
