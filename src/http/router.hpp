// Routes: a method, a path pattern, an access rule (required: there is no default), and a
// handler. Patterns are literal segments and {name} segments; a final {name...} takes the
// rest of the path.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/access.hpp"
#include "http/message.hpp"

namespace prongsai::http {

using Handler = std::function<Response(Request&)>;

// Where a handler runs. GETs run on the I/O thread (SQLite's reads are microseconds; on
// PostgreSQL, Pipeline::reads_on_workers sends whatever the page cache cannot answer to the
// worker pool); anything that writes, hashes a password or renders a document runs on the
// worker pool.
enum class Work { io_thread, worker_pool };

// What a route's requests may carry in their body. The edge holds every request to it: a body
// of another media type is refused with 415 and one over `max_bytes` with 413, both before a
// byte of it is read (the declared length, then as it arrives); a body that does not parse, or
// a field over `max_field_bytes`, with 400 or 413. All of it before the session, the CSRF check
// or the handler, so a handler's req.form() is always a form that parsed (empty for a route
// that takes none) and req.json() a document that parsed.
struct BodyRule {
  enum class Kind {
    none,        // no body at all (GET, HEAD, OPTIONS)
    urlencoded,  // application/x-www-form-urlencoded: an HTML form without files
    multipart,   // multipart/form-data with files; a urlencoded form is taken too (a client
                 // without files may send one)
    json,        // application/json, parsed
  };
  Kind kind = Kind::none;
  std::size_t max_bytes = 0;        // the whole body; 0 for a form: Limits::body_bytes
  std::size_t max_field_bytes = 0;  // one text field as sent; 0: up to max_bytes
  // (How many fields and parts: Limits::form_fields and Limits::multipart_parts.)

  static BodyRule none() { return {}; }
  // A form of text fields: a login takes a few KB (small_form), a plan's issue with its long
  // texts up to the default.
  static BodyRule form(std::size_t max_bytes = 0) { return {Kind::urlencoded, max_bytes, 0}; }
  static BodyRule small_form() { return form(kSmallFormBytes); }
  // A form with files: the whole body up to `max_bytes` (the files' limits and some room), each
  // text field up to `max_field_bytes`.
  static BodyRule upload(std::size_t max_bytes, std::size_t max_field_bytes = kUploadFieldBytes) {
    return {Kind::multipart, max_bytes, max_field_bytes};
  }
  static BodyRule json(std::size_t max_bytes) { return {Kind::json, max_bytes, 0}; }

  // Buttons, a code to look up, a login: a few fields of a line each.
  static constexpr std::size_t kSmallFormBytes = 8 * 1024;
  // A citizen's form of a few texts: a question, a survey's answers, a complaint's fields
  // beside its files (5,000 Thai characters are 45 KB percent-encoded).
  static constexpr std::size_t kTextFormBytes = 64 * 1024;
  // A text field of a form with files: the longest text a page asks for, with room.
  static constexpr std::size_t kUploadFieldBytes = 512 * 1024;

  // The media types it accepts, for the 415 check of Content-Type.
  bool accepts(std::string_view media_type) const;
  std::string_view describe() const;  // "none", "urlencoded", "multipart", "json"
};

// What the edge may do with a route's requests beyond the access rule.
enum class Privacy {
  normal,     // the access log names the path
  anonymous,  // an anonymous channel: the access log keeps only the route name, no path
};

struct Route {
  Route(Method m, std::string pattern, Access access, Handler handler)
      : method(m),
        pattern(std::move(pattern)),
        access(access),
        handler(std::move(handler)),
        work(is_safe(m) ? Work::io_thread : Work::worker_pool),
        body(is_safe(m) ? BodyRule::none() : BodyRule::form()) {}

  Method method;
  std::string pattern;
  Access access;
  Handler handler;
  Work work;
  BodyRule body;  // GET, HEAD, OPTIONS: none; the others: a form of Limits::body_bytes
  Privacy privacy = Privacy::normal;
  bool cache_public = false;  // anonymous GETs may be served from the page cache
  // Called by another server, not a browser (a chat platform's webhook): no CSRF token and no
  // anonymous cookie is asked for; the handler must check the body's signature itself.
  bool signed_by_sender = false;

  Route& on(Work w) {
    work = w;
    return *this;
  }
  Route& with(Privacy p) {
    privacy = p;
    return *this;
  }
  Route& takes(BodyRule rule) {
    body = rule;
    return *this;
  }
  Route& webhook() {
    signed_by_sender = true;
    return *this;
  }
  Route& cached() {
    cache_public = true;
    return *this;
  }

  std::vector<std::string> segments;  // the pattern split at '/', filled by Router::add
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string, std::less<>> params;
  bool method_mismatch = false;  // the path exists with another method: 405
  std::string allow;             // then the methods it exists with, for the Allow header: "GET, HEAD, POST"
};

// A handler that calls a member function of a module's shared handler object:
//   router.add(Route(Method::get, "/login", Access::anyone(), member(handlers, &Handlers::login_form)));
template <class H>
Handler member(std::shared_ptr<H> handlers, Response (H::*fn)(Request&)) {
  return [handlers = std::move(handlers), fn](Request& req) { return ((*handlers).*fn)(req); };
}

class Router {
 public:
  Route& add(Route route);
  Match match(Method method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// A GET of `target` ("/ita/2570/O11", "/news?year=2570") answered in-process as an anonymous
// visitor of `agency_id` is answered, its absolute links under `origin`: a page kept as it was
// served (a snapshot). nullopt when no route anyone may call has the path.
std::optional<Response> get_anonymous(const Router& router, std::string_view target, std::int64_t agency_id,
                                      std::string origin, Lang lang);

}  // namespace prongsai::http
