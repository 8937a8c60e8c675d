// Route matching: literal segments outrank captures whatever the order routes were added in,
// a path that exists under another method is a 405, and {rest...} takes the remainder.
#include "http/router.hpp"

#include <gtest/gtest.h>

namespace prongsai::http {
namespace {

Handler named(std::string name) {
  return [name](Request&) { return Response::text(name); };
}

std::string which(const Router& r, Method m, std::string_view path) {
  Match match = r.match(m, path);
  if (!match.route) return match.method_mismatch ? "405" : "404";
  Request req;
  return match.route->handler(req).body;
}

TEST(Router, LiteralSegmentsWinOverCapturesInAnyOrder) {
  Router r;
  r.add(Route(Method::get, "/measures/{year}", Access::anyone(), named("public")));
  r.add(Route(Method::get, "/measures/{year}/v/{version}", Access::anyone(), named("version")));
  r.add(Route(Method::get, "/measures/plans", Access::signed_in(), named("plans")));
  r.add(Route(Method::post, "/measures/plans", Access::signed_in(), named("create")));
  r.add(Route(Method::get, "/measures/plans/{year}", Access::signed_in(), named("plan")));
  r.add(Route(Method::get, "/assets/{path...}", Access::anyone(), named("asset")));
  EXPECT_EQ(which(r, Method::get, "/measures/plans"), "plans");
  EXPECT_EQ(which(r, Method::post, "/measures/plans"), "create");
  EXPECT_EQ(which(r, Method::get, "/measures/2566"), "public");
  EXPECT_EQ(which(r, Method::head, "/measures/2566"), "public");
  EXPECT_EQ(which(r, Method::get, "/measures/plans/2566"), "plan");
  EXPECT_EQ(which(r, Method::get, "/measures/2566/v/2"), "version");
  EXPECT_EQ(which(r, Method::post, "/measures/2566"), "405");
  EXPECT_EQ(which(r, Method::get, "/measures/2566/x/2"), "404");
  EXPECT_EQ(which(r, Method::get, "/assets/fonts/a.woff2"), "asset");
  EXPECT_EQ(which(r, Method::get, "/assets/"), "404");
}

}  // namespace
}  // namespace prongsai::http
