// Pipeline rules that need no database: the client address behind a trusted proxy, the page
// cache's invalidation by the data generation, and the page for when the database is away.
#include "http/pipeline.hpp"

#include <gtest/gtest.h>

#include <brotli/decode.h>
#include <zlib.h>
#include <atomic>
#include <map>
#include <nlohmann/json.hpp>

#include "http/errors.hpp"
#include "http/testing_hooks.hpp"

namespace prongsai::http {
namespace {

// A response as the client reads it: a page cache hit (Response::ready) with its headers and body.
Response as_sent(Response res) {
  res.unready();
  return res;
}
std::optional<Response> as_sent(std::optional<Response> res) {
  if (res) res->unready();
  return res;
}

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
    // Routes that count the requests their handler sees: a small form, a form with files, JSON.
    auto counting = [this](Request& req) {
      ++handled;
      seen = req.form().value("a") + (req.json().is_object() ? req.json().value("a", std::string()) : "");
      return Response::text("ok");
    };
    router.add(Route(Method::post, "/form", Access::anyone(), counting).takes(BodyRule::small_form()));
    router.add(Route(Method::post, "/upload", Access::anyone(), counting).takes(BodyRule::upload(1 << 20, 1000)));
    router.add(Route(Method::post, "/json", Access::anyone(), counting).takes(BodyRule::json(1 << 16)));
  }
  // An anonymous POST with its cookie and a valid CSRF token in the header.
  Response post(const std::string& path, const std::string& type, std::string body) {
    Request req;
    req.method = Method::post;
    req.target = path;
    std::string anon(43, 'a');
    req.headers = {{"cookie", std::string(kAnonCookie) + "=" + anon},
                   {"x-csrf-token", pipeline.csrf_token_for("a:" + anon)}};
    if (!type.empty()) req.headers.emplace_back("content-type", type);
    req.body = std::move(body);
    return as_sent(pipeline.handle(req));
  }
  int handled = 0;
  std::string seen;
  Response get(const std::string& path, const std::string& from,
               std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request req;
    req.method = Method::get;
    req.target = path;
    req.remote_address = from;
    req.headers = std::move(headers);
    return as_sent(pipeline.handle(req));
  }
  Router router;
  int renders = 0;
  std::int64_t fresh_until = 0;
  std::function<void(Request&)> during_render;
  // Agency 2 is served at b.example, agency 1 at every other host; each has its generation.
  std::atomic<std::uint64_t> generation{1}, generation_b{1};
  bool hosts_known = true;  // the host table has every host (false: a lookup would read the database)
  bool pages_fail = false;  // error pages cannot be made (they read the agency from the database)
  EdgeHooks hooks{[](std::string_view host) { return std::int64_t{host == "b.example" ? 2 : 1}; },
                  [this](std::string_view host) {
                    return hosts_known ? std::optional<std::int64_t>(host == "b.example" ? 2 : 1) : std::nullopt;
                  },
                  [](std::string_view, std::int64_t) { return std::optional<Principal>(); },
                  [this](const Request&, const Error& e) {
                    if (pages_fail) throw Unavailable("the agency cannot be read");
                    return Response::text(e.message_key, status_of(e.kind));
                  },
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

// A hit is the page as it was made when kept, shared, not copied: its status line and headers
// formatted once, which the server sends with the body in one write.
TEST_F(PipelineTest, AHitIsTheKeptPageReadyToSendAndCopiesNothing) {
  auto raw = [&] {
    Request req;
    req.method = Method::get;
    req.target = "/page";
    return pipeline.handle(req);
  };
  Response made = raw();
  EXPECT_EQ(renders, 1);
  EXPECT_TRUE(made.ready) << "sent as it is kept from the first time";
  Response hit = raw(), again = raw();
  EXPECT_EQ(renders, 1);
  EXPECT_EQ(hit.ready, made.ready);
  ASSERT_TRUE(hit.ready);
  EXPECT_EQ(hit.ready, again.ready) << "the same bytes for every hit";
  EXPECT_TRUE(hit.headers.empty());
  EXPECT_EQ(hit.body_view(), "<p>1</p>");
  const std::string& head = hit.ready->head;
  EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\nServer: Prongsai\r\nContent-Type: text/html; charset=utf-8\r\n"))
      << head;
  EXPECT_NE(head.find("\r\nETag: \""), std::string::npos);
  EXPECT_NE(head.find("\r\nContent-Security-Policy: "), std::string::npos);
  EXPECT_TRUE(head.ends_with("\r\nContent-Length: 8\r\n")) << head;
  // Changed on its way out (an expired session's cookie cleared): a copy, the kept page untouched.
  hit.header("Set-Cookie", "x=; Max-Age=0");
  EXPECT_FALSE(hit.ready);
  EXPECT_EQ(hit.body, "<p>1</p>");
  EXPECT_EQ(again.ready->head.find("Set-Cookie"), std::string::npos);
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
    return as_sent(pipeline.from_cache(req, pipeline.plan(req.method, req.target)));
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

// A national host's pages do not all fit: past its bound the cache lets the pages least recently
// served go, and a page let go is made again, whole, when next asked.
TEST(PageCache, ABoundedCacheLetsTheLeastRecentlyUsedGoAndMakesThemAgain) {
  Router router;
  std::map<std::string, int> made;
  router
      .add(Route(Method::get, "/p/{n}", Access::anyone(),
                 [&](Request& req) {
                   ++made[req.param("n")];
                   return Response::html(req.param("n") + std::string(8000, '.'));
                 }))
      .cached();
  EdgeHooks hooks = testing::one_agency_hooks();
  Limits limits;
  limits.page_cache_bytes = 50'000;  // five or six pages of about 8.5 KB
  Pipeline pipeline{router, limits, hooks, "key", CookieOptions{}};
  auto get = [&](int n) {
    Request req;
    req.method = Method::get;
    req.target = "/p/" + std::to_string(n);
    req.remote_address = "a";
    return as_sent(pipeline.handle(req));
  };
  for (int n = 1; n <= 5; ++n) get(n);
  get(1);
  const int made_1 = made["1"];
  // More pages than the bound holds, page 1 served between each (the home page of the site).
  for (int n = 6; n <= 12; ++n) {
    get(n);
    EXPECT_EQ(get(1).body.substr(0, 1), "1");
  }
  EXPECT_EQ(made["1"], made_1) << "a page served between each new one is never let go";
  Pipeline::CacheStats s = pipeline.cache_stats();
  EXPECT_LE(s.bytes, limits.page_cache_bytes);
  EXPECT_GT(s.evictions, 0u);
  EXPECT_LT(s.pages, 12u);
  // The most recent pages are kept; the oldest were let go and are made again, whole.
  get(12);
  EXPECT_EQ(made["12"], 1) << "kept";
  Response again = get(2);
  EXPECT_EQ(made["2"], 2) << "let go, made again";
  EXPECT_EQ(again.body, "2" + std::string(8000, '.'));
  EXPECT_LE(pipeline.cache_stats().bytes, limits.page_cache_bytes);
  // A page bigger than half the bound is served but never kept.
  Limits tiny = limits;
  tiny.page_cache_bytes = 10'000;
  Pipeline small{router, tiny, hooks, "key", CookieOptions{}};
  Request req;
  req.method = Method::get;
  req.target = "/p/99";
  req.remote_address = "a";
  EXPECT_EQ(small.handle(req).status, 200);
  EXPECT_EQ(small.cache_stats().pages, 0u);
}

// Phones on a slow line get each kept page compressed (Brotli, else gzip), made once when it was
// kept; a client that accepts neither (or refuses it with q=0) gets it plain; any copy revalidates.
TEST(PageCache, PagesAreServedCompressedToThoseWhoAcceptIt) {
  Router router;
  int made = 0;
  const std::string page = "<p>" + std::string(4000, 'x') + "</p>";
  router
      .add(Route(Method::get, "/big", Access::anyone(),
                 [&](Request&) {
                   ++made;
                   return Response::html(page);
                 }))
      .cached();
  router.add(Route(Method::get, "/small", Access::anyone(), [&](Request&) { return Response::html("<p>ok</p>"); }))
      .cached();
  EdgeHooks hooks = testing::one_agency_hooks();
  Pipeline pipeline{router, Limits{}, hooks, "key", CookieOptions{}};
  auto get = [&](const std::string& path, const std::string& accept, const std::string& etag = "") {
    Request req;
    req.method = Method::get;
    req.target = path;
    req.remote_address = "a";
    if (!accept.empty()) req.headers.emplace_back("accept-encoding", accept);
    if (!etag.empty()) req.headers.emplace_back("if-none-match", etag);
    return as_sent(pipeline.handle(req));
  };
  auto inflate_gzip = [](const std::string& in) {
    z_stream z{};
    EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
    std::string out(1 << 16, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
    out.resize(z.total_out);
    inflateEnd(&z);
    return out;
  };
  Response zipped = get("/big", "gzip, deflate");
  EXPECT_EQ(zipped.find_header("Content-Encoding"), "gzip") << "compressed from the first time";
  EXPECT_EQ(zipped.find_header("Vary"), "Accept-Encoding");
  Response first = get("/big", "");
  EXPECT_EQ(first.body, page);
  EXPECT_EQ(first.find_header("Vary"), "Accept-Encoding");
  EXPECT_EQ(get("/big", "gzip").body, zipped.body);
  EXPECT_LT(zipped.body.size(), page.size() / 10);
  EXPECT_EQ(inflate_gzip(zipped.body), page);
  EXPECT_EQ(zipped.find_header("ETag"), encoded_etag(first.find_header("ETag"), "gzip"));
  // Brotli, where it is accepted (browsers ask for it over HTTPS): preferred to gzip.
  Response broccoli = get("/big", "gzip, deflate, br");
  EXPECT_EQ(broccoli.find_header("Content-Encoding"), "br");
  EXPECT_LT(broccoli.body.size(), zipped.body.size());
  std::string decoded(page.size() + 1, '\0');
  std::size_t decoded_size = decoded.size();
  EXPECT_EQ(BrotliDecoderDecompress(broccoli.body.size(), reinterpret_cast<const std::uint8_t*>(broccoli.body.data()),
                                    &decoded_size, reinterpret_cast<std::uint8_t*>(decoded.data())),
            BROTLI_DECODER_RESULT_SUCCESS);
  decoded.resize(decoded_size);
  EXPECT_EQ(decoded, page);
  EXPECT_EQ(broccoli.find_header("ETag"), encoded_etag(first.find_header("ETag"), "br"));
  EXPECT_EQ(made, 1);
  for (const char* refuses : {"", "identity", "gzip;q=0", "gzip; q=0.000, br;q=0", "deflate"}) {
    Response plain = get("/big", refuses);
    EXPECT_EQ(plain.body, page) << refuses;
    EXPECT_TRUE(plain.find_header("Content-Encoding").empty()) << refuses;
  }
  EXPECT_EQ(get("/big", "GZIP;q=0.5").find_header("Content-Encoding"), "gzip");
  EXPECT_EQ(get("/big", "br;q=0, x-gzip").find_header("Content-Encoding"), "gzip");
  EXPECT_EQ(get("/big", "BR").find_header("Content-Encoding"), "br");
  // Any copy's ETag revalidates any copy.
  EXPECT_EQ(get("/big", "gzip", std::string(first.find_header("ETag"))).status, 304);
  EXPECT_EQ(get("/big", "", std::string(zipped.find_header("ETag"))).status, 304);
  EXPECT_EQ(get("/big", "gzip", std::string(broccoli.find_header("ETag"))).status, 304);
  EXPECT_EQ(get("/big", "br", "\"another page-br\"").status, 200);
  // A small page is not worth it.
  get("/small", "gzip");
  EXPECT_TRUE(get("/small", "gzip").find_header("Content-Encoding").empty());
}

TEST_F(PipelineTest, NoHandlerSeesABodyItsRouteDidNotDeclare) {
  EXPECT_EQ(post("/form", "application/x-www-form-urlencoded", "a=1").status, 200);
  EXPECT_EQ(seen, "1");
  EXPECT_EQ(post("/form", "", "").status, 200) << "a bare button: an empty form";
  EXPECT_EQ(handled, 2);
  // Another media type, whatever its bytes: 415, with a valid CSRF token or not.
  for (std::string type : {"text/plain", "application/json", "multipart/form-data; boundary=x", "", "x"})
    EXPECT_EQ(post("/form", type, "a=1").status, 415) << type;
  EXPECT_EQ(post("/json", "application/x-www-form-urlencoded", "a=1").status, 415);
  // Bodies that do not parse: 400.
  EXPECT_EQ(post("/form", "application/x-www-form-urlencoded", "a=%FF").status, 400);
  EXPECT_EQ(post("/form", "application/x-www-form-urlencoded", "a=%zz").status, 400);
  EXPECT_EQ(post("/upload", "multipart/form-data; boundary=zz", "no parts").status, 400);
  EXPECT_EQ(post("/upload", "multipart/form-data", "--zz\r\n").status, 400) << "no boundary parameter";
  EXPECT_EQ(post("/json", "application/json", "{\"a\": ").status, 400);
  EXPECT_EQ(post("/json", "application/json", "\"\xff\"").status, 400) << "not UTF-8";
  EXPECT_EQ(post("/json", "application/json", std::string(1000, '[') + std::string(1000, ']')).status, 400)
      << "nested past the parser's depth";
  // Over the route's limits: 413, before a copy.
  EXPECT_EQ(post("/form", "application/x-www-form-urlencoded", "a=" + std::string(9000, 'x')).status, 413);
  std::string big_field =
      "--zz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + std::string(1001, 'x') + "\r\n--zz--\r\n";
  EXPECT_EQ(post("/upload", "multipart/form-data; boundary=zz", big_field).status, 413);
  EXPECT_EQ(handled, 2) << "none of these reached the handler";
  // What does parse reaches it, typed.
  EXPECT_EQ(post("/json", "application/json; charset=utf-8", R"({"a": "ก"})").status, 200);
  EXPECT_EQ(seen, "ก");
  std::string upload = "--zz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nข\r\n--zz--\r\n";
  EXPECT_EQ(post("/upload", "multipart/form-data; boundary=zz", upload).status, 200);
  EXPECT_EQ(seen, "ข");
  EXPECT_EQ(post("/upload", "application/x-www-form-urlencoded", "a=3").status, 200) << "a form without files";
  EXPECT_EQ(handled, 5);
}

TEST_F(PipelineTest, RefusalsBeforeTheBodyNameTheirStatusAndAWrongMethodItsAllowedOnes) {
  auto early = [&](Method m, const std::string& path, const std::string& type, std::optional<std::uint64_t> length) {
    Request req;
    req.method = m;
    req.target = path;
    req.headers = {{"content-type", type}};
    return pipeline.before_body(req, pipeline.plan(m, path), length);
  };
  EXPECT_FALSE(early(Method::post, "/form", "application/x-www-form-urlencoded", 100));
  EXPECT_FALSE(early(Method::post, "/form", "application/x-www-form-urlencoded", std::nullopt)) << "chunked";
  EXPECT_EQ(early(Method::post, "/form", "application/x-www-form-urlencoded", 9000)->status, 413);
  EXPECT_EQ(early(Method::post, "/form", "text/plain", 1)->status, 415);
  EXPECT_EQ(early(Method::get, "/page", "", 5)->status, 413) << "a route that takes no body";
  EXPECT_EQ(early(Method::post, "/nowhere", "application/x-www-form-urlencoded", 5)->status, 404);
  auto wrong = early(Method::put, "/form", "application/x-www-form-urlencoded", 5);
  EXPECT_EQ(wrong->status, 405);
  EXPECT_EQ(wrong->find_header("Allow"), "POST");
  EXPECT_EQ(wrong->body, "error.method");
  Request req;
  req.method = Method::del;
  req.target = "/page";
  Response res = pipeline.handle(req);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.find_header("Allow"), "GET, HEAD");
  for (int status : {400, 404, 413, 415, 431, 500, 503}) {
    EXPECT_EQ(pipeline.refuse(status, "error.x", "").status, status);
    EXPECT_EQ(status_of(kind_of_status(status)), status) << "the page says the status it is sent with";
  }
}

// With the database out of reach the error page cannot be made: a refusal still says its
// status, and a 503 still says whether what was sent was saved.
TEST_F(PipelineTest, RefusalsNeedNoDatabase) {
  pages_fail = true;
  Response big = pipeline.refuse(413, "error.body_too_large", "");
  EXPECT_EQ(big.status, 413);
  EXPECT_NE(big.body.find("รหัสข้อผิดพลาด 413"), std::string::npos);
  Response lost = pipeline.refuse(503, "error.not_saved", "");
  EXPECT_EQ(lost.status, 503);
  EXPECT_NE(lost.body.find("ยังไม่ได้บันทึก"), std::string::npos);
  EXPECT_NE(pipeline.refuse(503, "error.saved_then_failed", "").body.find("บันทึกไว้แล้ว"), std::string::npos);
  EXPECT_EQ(pipeline.refuse(503, "error.unavailable", "").body.find("บันทึก"), std::string::npos);
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
