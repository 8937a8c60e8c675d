// The request pipeline, between the socket and a handler, with no Beast in sight:
//
//   route, and the body it takes (before the body is read: before_body) → validate target
//   → agency (Host) → language → the body parsed as the route declared → session → access rule
//   → CSRF → page cache → handler → security headers → access log
//
// Each step that refuses answers with the Thai error page and the status of http/errors.cpp.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "http/cookies.hpp"
#include "http/limits.hpp"
#include "http/router.hpp"
#include "http/tally.hpp"

namespace prongsai::http {

inline constexpr std::string_view kSessionCookie = "prongsai_session";
inline constexpr std::string_view kAnonCookie = "prongsai_anon";  // binds anonymous forms' CSRF tokens
inline constexpr std::string_view kLangCookie = "prongsai_lang";
inline constexpr std::string_view kCsrfField = "_csrf";

// The bytes a route's body may hold: its rule's, or for a form without one, Limits::body_bytes.
std::size_t body_limit(const BodyRule& rule, const Limits& limits);

// What the pipeline asks of the rest of the system.
struct EdgeHooks {
  // The agency a Host header names; the installation's default agency otherwise.
  std::function<std::int64_t(std::string_view host)> agency_for_host;
  // The same when known without reading the database; none otherwise.
  std::function<std::optional<std::int64_t>(std::string_view host)> known_agency_for_host;
  // The principal of a live session token of that agency, touching its last-seen time.
  std::function<std::optional<Principal>(std::string_view token, std::int64_t agency_id)> resolve_session;
  // The Thai (or English) error page for an error.
  std::function<Response(const Request&, const Error&)> error_page;
  // Moves on with every committed write of that agency's data (or every agency's): its cached
  // pages older than it are stale.
  std::function<std::uint64_t(std::int64_t agency_id)> data_generation;
};

// What the server needs to know before reading a body, and what handle() then reuses: the
// target is decoded and routed once per request.
struct Plan {
  std::size_t body_limit = 0;  // the route's BodyRule, in bytes (0: it takes no body)
  bool on_worker_pool = false;
  std::optional<std::string> path;  // decoded; empty when the target does not decode
  std::string query;                // raw
  Match match;
};

class Pipeline {
 public:
  Pipeline(const Router& router, const Limits& limits, EdgeHooks hooks, std::string csrf_key, CookieOptions cookies);

  Plan plan(Method method, std::string_view target) const;
  // After the headers, before a byte of the body is read: the answer to a request that has a
  // body (`declared` bytes, or of unknown length) which its route would refuse whatever it
  // holds: no such route (404, 405), a route that takes no body or not of this media type
  // (413, 415), a declared length over the route's limit (413). None when the body may be
  // read. `req` holds the method, target and headers.
  std::optional<Response> before_body(Request& req, const Plan& plan, std::optional<std::uint64_t> declared);
  Response handle(Request& req, const Plan& plan);
  Response handle(Request& req) { return handle(req, plan(req.method, req.target)); }
  // The page cache's current copy for an anonymous GET of a cached route, found without reading
  // the database; none otherwise (then handle() answers). The server asks this first on the I/O
  // thread when reads wait on a database server (reads_on_workers).
  std::optional<Response> from_cache(Request& req, const Plan& plan);
  // PostgreSQL: a read waits on another machine, so every request the page cache cannot answer
  // is handled on the worker pool and the I/O threads never wait on the database. SQLite's reads
  // take microseconds and stay on the I/O thread.
  void reads_on_workers(bool on) { reads_on_workers_ = on; }
  bool reads_on_workers() const { return reads_on_workers_; }
  // For requests the server could not parse or will not read: 400, 404, 405, 413, 415, 431,
  // 503. Still a Thai page, saying that status, with headers.
  // `quiet`: not logged (what caused it is logged once elsewhere: a database outage).
  // `route`, when known: an anonymous route's refusal is only counted by the hour, like its
  // answers (no line, no time); another's line names its pattern.
  Response refuse(int status, std::string_view message_key, std::string_view detail, bool quiet = false,
                  const Route* route = nullptr);
  // When not even the error page can be made (the database out of reach): a fixed page, 503,
  // that needs nothing but itself, saying what `said` (error.unavailable, error.not_saved,
  // error.saved_then_failed) says in Thai and English.
  Response unavailable(std::string_view said = "error.unavailable") const;
  // Logs the anonymous routes' count of the hour in progress (when the server stops).
  void flush_log() { tally_.flush(); }

  std::string csrf_token_for(std::string_view binding) const;
  // Requests from these addresses (the nginx in front) carry the client's address in
  // X-Real-IP; from anyone else that header is ignored.
  void trust_proxies(std::vector<std::string> addresses) { trusted_proxies_ = std::move(addresses); }
  const Limits& limits() const { return limits_; }

  // The page cache as it stands: its pages, what they cost against Limits::page_cache_bytes,
  // and how many were let go to make room.
  struct CacheStats {
    std::size_t pages = 0, bytes = 0;
    std::uint64_t evictions = 0;
  };
  CacheStats cache_stats();

 private:
  Response run(Request& req, const Match& match, std::optional<Principal>& principal,
               std::vector<std::string>& cookies);
  // The first steps of every request: the decoded path and query, and the client's address.
  // False when the target or its query does not decode (bad escapes, bad UTF-8, NUL).
  bool admit(Request& req, const Plan& plan) const;
  // The steps after the agency is known: the site's origin for links, the language.
  void locate(Request& req) const;
  // Parses the body as the route's rule says into req's form (or JSON document); the error
  // when it holds something else or does not parse.
  std::optional<Error> parse_body(Request& req, const BodyRule& rule) const;
  std::size_t limit_of(const BodyRule& rule) const { return body_limit(rule, limits_); }
  bool csrf_ok(const Request& req, std::string_view binding) const;
  void client_address(Request& req) const;
  static std::string cache_key(const Request& req);
  // Pages let go until `incoming` more bytes fit under the bound with a tenth of it to spare
  // (so that a full cache does not evict on every page), least recently used first.
  void evict_for(std::size_t incoming);
  std::optional<Response> cached(const Request& req);
  static Response revalidate(const Request& req, Response res);  // 304 on a matching If-None-Match
  // `generation`: the agency's data generation read before the page was made.
  void remember(const Request& req, const Response& res, std::uint64_t generation);
  void add_final_headers(Response& res) const;
  mutable AnonymousTally tally_;
  void finish(const Request& req, Response& res, const Route* route, double millis) const;

  const Router& router_;
  Limits limits_;
  EdgeHooks hooks_;
  std::string csrf_key_;
  CookieOptions cookies_;
  std::vector<std::string> trusted_proxies_;
  bool reads_on_workers_ = false;

  // A page kept: what it costs against Limits::page_cache_bytes (its body, headers and key), and
  // when it was last served (a tick of use_clock_, stored under the shared lock), so that a full
  // cache lets the pages least recently used go first.
  struct CachedPage {
    using Ready = std::shared_ptr<const ReadyResponse>;
    CachedPage(std::uint64_t g, Ready p, Ready z, Ready b, std::size_t n, std::uint64_t u)
        : generation(g), plain(std::move(p)), gzip(std::move(z)), br(std::move(b)), bytes(n), used(u) {}
    std::uint64_t generation;
    Ready plain;
    // As sent to clients that accept gzip, Brotli; null: not worth it.
    Ready gzip, br;
    std::size_t bytes;
    std::atomic<std::uint64_t> used;
  };
  std::shared_mutex cache_mutex_;
  std::unordered_map<std::string, CachedPage> cache_;
  std::size_t cache_bytes_ = 0;
  std::atomic<std::uint64_t> use_clock_{0};
  std::uint64_t evictions_ = 0;
};

// Whether an Accept-Encoding header accepts a content coding ("gzip" (or "x-gzip"), "br"), not
// with q=0.
bool accepts(std::string_view accept_encoding, std::string_view coding);
// The ETag of a page's compressed copy: its plain copy's with "-gz" or "-br" ("\"ab12\"" →
// "\"ab12-gz\"").
std::string encoded_etag(std::string_view etag, std::string_view coding);
// A copy's ETag without its coding's mark: the plain copy's.
std::string_view plain_etag(std::string_view etag);

// Adds the security headers every response carries (CSP, nosniff, frame and referrer rules).
void add_security_headers(Response& res, bool https);

}  // namespace prongsai::http
