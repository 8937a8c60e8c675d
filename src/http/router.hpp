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
        work(is_safe(m) ? Work::io_thread : Work::worker_pool) {}

  Method method;
  std::string pattern;
  Access access;
  Handler handler;
  Work work;
  Privacy privacy = Privacy::normal;
  std::size_t body_limit = 0;  // 0: Limits::body_bytes
  bool cache_public = false;   // anonymous GETs may be served from the page cache

  Route& on(Work w) {
    work = w;
    return *this;
  }
  Route& with(Privacy p) {
    privacy = p;
    return *this;
  }
  Route& max_body(std::size_t bytes) {
    body_limit = bytes;
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

}  // namespace prongsai::http
