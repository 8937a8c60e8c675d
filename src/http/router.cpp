// Route matching: linear over the table, which holds tens of routes, not thousands.
#include "http/router.hpp"

#include <cassert>
#include <cstdint>
#include <set>

namespace prongsai::http {
namespace {

template <class Out>
void split(std::string_view path, Out& out) {
  std::size_t i = 1;
  while (i <= path.size()) {
    std::size_t slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    out.emplace_back(path.substr(i, slash - i));
    i = slash + 1;
  }
}

using Params = std::map<std::string, std::string, std::less<>>;

bool match_pattern(const std::vector<std::string>& ps, const std::vector<std::string_view>& xs, Params& params) {
  for (std::size_t i = 0; i < ps.size(); ++i) {
    std::string_view p = ps[i];
    bool capture = p.size() > 2 && p.front() == '{' && p.back() == '}';
    if (capture && p.ends_with("...}")) {  // the rest of the path
      if (i >= xs.size()) return false;
      std::string rest;
      for (std::size_t j = i; j < xs.size(); ++j) rest += (j > i ? "/" : "") + std::string(xs[j]);
      if (rest.empty()) return false;
      params.emplace(std::string(p.substr(1, p.size() - 5)), rest);
      return true;
    }
    if (i >= xs.size()) return false;
    if (capture) {
      if (xs[i].empty()) return false;
      params.emplace(std::string(p.substr(1, p.size() - 2)), std::string(xs[i]));
    } else if (p != xs[i]) {
      return false;
    }
  }
  return ps.size() == xs.size();
}

}  // namespace

bool BodyRule::accepts(std::string_view media_type) const {
  switch (kind) {
    case Kind::none: return false;
    case Kind::urlencoded: return media_type == "application/x-www-form-urlencoded";
    case Kind::multipart:
      return media_type == "multipart/form-data" || media_type == "application/x-www-form-urlencoded";
    case Kind::json: return media_type == "application/json";
  }
  return false;
}

std::string_view BodyRule::describe() const {
  switch (kind) {
    case Kind::none: return "none";
    case Kind::urlencoded: return "urlencoded";
    case Kind::multipart: return "multipart";
    case Kind::json: return "json";
  }
  return "none";
}

Route& Router::add(Route route) {
  assert(!route.pattern.empty() && route.pattern.front() == '/' && "a route pattern starts with /");
  split(route.pattern, route.segments);
  routes_.push_back(std::move(route));
  return routes_.back();
}

// How specific a pattern is: a literal segment outranks a capture at the same place, and
// earlier segments count before later ones ("/measures/plans" wins over "/measures/{year}").
std::uint64_t specificity(const std::vector<std::string>& segments) {
  std::uint64_t score = 0;
  for (std::size_t i = 0; i < segments.size() && i < 63; ++i) {
    const std::string& p = segments[i];
    bool capture = p.size() > 2 && p.front() == '{' && p.back() == '}';
    if (!capture) score |= std::uint64_t{1} << (62 - i);
  }
  return score;
}

Match Router::match(Method method, std::string_view path) const {
  Match m;
  Method wanted = method == Method::head ? Method::get : method;
  std::vector<std::string_view> xs;
  split(path, xs);
  std::uint64_t best = 0;
  std::set<Method> methods;  // the path's methods, for a 405's Allow header
  for (const Route& r : routes_) {
    Params params;
    if (!match_pattern(r.segments, xs, params)) continue;
    methods.insert(r.method);
    if (r.method == Method::get) methods.insert(Method::head);
    if (r.method != wanted) {
      m.method_mismatch = true;
      continue;
    }
    std::uint64_t score = specificity(r.segments);
    if (m.route && score <= best) continue;  // equal: the first added wins
    m.route = &r;
    m.params = std::move(params);
    best = score;
  }
  if (m.route) m.method_mismatch = false;
  if (m.method_mismatch) {
    for (Method x : methods) m.allow.append(m.allow.empty() ? "" : ", ").append(to_string(x));
  }
  return m;
}

std::optional<Response> get_anonymous(const Router& router, std::string_view target, std::int64_t agency_id,
                                      std::string origin, Lang lang) {
  Request req;
  req.method = Method::get;
  req.target = std::string(target);
  std::size_t q = target.find('?');
  req.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) req.query = std::string(target.substr(q + 1));
  Match m = router.match(Method::get, req.path);
  if (!m.route || !m.route->access.allows(nullptr)) return std::nullopt;
  req.params = std::move(m.params);
  req.agency_id = agency_id;
  req.lang = lang;
  req.origin = std::move(origin);
  return m.route->handler(req);
}

}  // namespace prongsai::http
