// Every route, called by every role (and by nobody), through the real pipeline: the route's
// declared rule decides, and nothing else lets a request through. An admin of another agency
// asking for this agency's records gets 404, as if they did not exist.
#include <gtest/gtest.h>

#include "app/serve.hpp"
#include "http/pipeline.hpp"
#include "testing/testing.hpp"

namespace prongsai::app {
namespace {

using http::Method;

struct Identity {
  std::string name;
  std::string email;  // empty: not signed in
  std::string host = "localhost";
};

class AccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    f = testing::Fixture::make();
    f->app->mount_routes();
    pipeline = std::make_unique<http::Pipeline>(f->app->router(), f->app->limits(), edge_hooks(*f->app),
                                                f->app->csrf_key(), http::CookieOptions{});
    auto other =
        f->app->get<accounts::Service>().add_agency(store::Actor::cli(), "เทศบาลตำบลอื่น", std::string("other.example"));
    ASSERT_TRUE(other);
    other_agency = *other;
    // A demo-like agency, where its admin's role opens without two-step sign-in (accounts tests
    // hold that rule): here only the agency boundary is under test.
    ASSERT_TRUE(f->app->store().write(store::Actor::cli(), [&](store::WriteTx& tx) -> Result<void> {
      tx.apply(store::Change{other_agency, "agency", std::to_string(other_agency), "test", nullptr, nullptr},
               "UPDATE agencies SET second_factor_optional = 1 WHERE id = ?", {other_agency});
      return ok();
    }));
    ASSERT_TRUE(f->app->get<accounts::Service>().create_user(
        store::Actor::cli(), other_agency, {"admin@other.example", "ผู้ดูแลอื่น", "", {http::Role::admin}, {}, true},
        f->password));
    unit_id = f->app->get<accounts::Service>().units(f->agency_id).front().id;
    user_id = f->app->get<accounts::Service>().user_by_email(f->agency_id, "staff@example.org")->id;
  }

  std::string token_for(const Identity& who) {
    std::int64_t agency = who.host == "other.example" ? other_agency : f->agency_id;
    auto s = f->app->get<accounts::Service>().login(agency, who.email, f->password, "127.0.0.1", "test");
    EXPECT_TRUE(s) << who.email;
    return s ? s->token : "";
  }

  http::Response call(Method m, const std::string& path, const Identity& who, const std::string& token) {
    http::Request req;
    req.method = m;
    req.target = path;
    req.headers.emplace_back("host", who.host);
    std::string cookie;
    if (!token.empty()) {
      cookie = std::string(http::kSessionCookie) + "=" + token;
    } else {
      cookie = std::string(http::kAnonCookie) + "=" + std::string(43, 'a');
    }
    req.headers.emplace_back("cookie", cookie);
    if (!http::is_safe(m)) {
      std::string binding = token.empty() ? "a:" + std::string(43, 'a') : "s:" + token;
      req.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
      req.body = "_csrf=" + pipeline->csrf_token_for(binding);
    }
    http::Response res = pipeline->handle(req);
    res.unready();  // a page cache hit, with its body
    return res;
  }

  std::string concrete(std::string pattern) {
    auto replace = [&](const std::string& from, const std::string& to) {
      if (auto p = pattern.find(from); p != std::string::npos) pattern.replace(p, from.size(), to);
    };
    replace("{id}", pattern.starts_with("/admin/units") ? std::to_string(unit_id) : std::to_string(user_id));
    replace("{year}", "2566");
    replace("{issue}", "1");
    replace("{date}", "2022-10-31");
    replace("{code}", "en");
    replace("{path...}", "app.css");
    return pattern;
  }

  std::unique_ptr<testing::Fixture> f;
  std::unique_ptr<http::Pipeline> pipeline;
  std::int64_t other_agency = 0, unit_id = 0, user_id = 0;
};

TEST_F(AccessTest, EveryRouteAnswersEveryRoleAsItsRuleSays) {
  std::vector<Identity> who = {{"anonymous", ""},
                               {"admin", "admin@example.org"},
                               {"executive", "executive@example.org"},
                               {"staff", "staff@example.org"},
                               {"complaint_officer", "complaints@example.org"},
                               {"corruption_officer", "integrity@example.org"},
                               {"procurement", "supplies@example.org"}};
  std::map<std::string, std::string> tokens;
  for (const Identity& i : who) tokens[i.name] = i.email.empty() ? "" : token_for(i);
  ASSERT_GT(f->app->router().routes().size(), 15u);
  const std::string forbidden(Strings::instance().get(Lang::th, "error.forbidden"));
  const std::string unauthenticated(Strings::instance().get(Lang::th, "error.unauthenticated"));
  for (const http::Route& route : f->app->router().routes()) {
    for (const Identity& i : who) {
      // Logging out ends the session the other checks need: it gets a token of its own.
      std::string token = route.pattern == "/logout" && !i.email.empty() ? token_for(i) : tokens[i.name];
      std::optional<http::Principal> p;
      if (!token.empty()) p = f->app->get<accounts::Service>().resolve(token, f->agency_id);
      bool allowed = route.access.allows(p ? &*p : nullptr);
      http::Response res = call(route.method, concrete(route.pattern), i, token);
      std::string where = std::string(http::to_string(route.method)) + " " + route.pattern + " as " + i.name;
      // Refused by the access rule: the edge's own answers, not a handler's (a failed login is 401 too).
      bool refused =
          ((res.status == 401 || res.status == 403) &&
           (res.body.find(forbidden) != std::string::npos || res.body.find(unauthenticated) != std::string::npos)) ||
          (res.status == 303 && res.find_header("Location").starts_with("/login?next="));
      if (allowed) {
        EXPECT_FALSE(refused) << where << " → " << res.status;
        EXPECT_LT(res.status, 500) << where;
      } else {
        EXPECT_TRUE(refused) << where << " → " << res.status << " (rule " << route.access.describe() << ")";
      }
    }
  }
}

TEST_F(AccessTest, AnotherAgencysAdminCannotSeeOrChangeThisAgencysRecords) {
  Identity outsider{"other admin", "admin@other.example", "other.example"};
  std::string token = token_for(outsider);
  EXPECT_EQ(call(Method::get, "/admin/users/" + std::to_string(user_id), outsider, token).status, 404);
  EXPECT_EQ(call(Method::post, "/admin/users/" + std::to_string(user_id), outsider, token).status, 404);
  EXPECT_EQ(call(Method::post, "/admin/units/" + std::to_string(unit_id), outsider, token).status, 404);
  http::Response list = call(Method::get, "/admin/users", outsider, token);
  EXPECT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find("staff@example.org"), std::string::npos);
  // Their session does not open this agency's site either.
  Identity same_token_here{"other admin here", "admin@other.example", "localhost"};
  EXPECT_EQ(call(Method::get, "/admin/users", same_token_here, token).status, 303);
}

TEST_F(AccessTest, StateChangingRequestsNeedTheRightCsrfToken) {
  Identity admin{"admin", "admin@example.org"};
  std::string token = token_for(admin);
  auto post = [&](const std::string& csrf, const std::string& origin) {
    http::Request req;
    req.method = Method::post;
    req.target = "/admin/units";
    req.headers = {{"host", "localhost"},
                   {"cookie", std::string(http::kSessionCookie) + "=" + token},
                   {"content-type", "application/x-www-form-urlencoded"}};
    if (!origin.empty()) req.headers.emplace_back("origin", origin);
    req.body = "name_th=%E0%B8%81%E0%B8%AD%E0%B8%87%E0%B9%83%E0%B8%AB%E0%B8%A1%E0%B9%88";
    if (!csrf.empty()) req.body += "&_csrf=" + csrf;
    return pipeline->handle(req).status;
  };
  EXPECT_EQ(post("", ""), 403);                                                          // no token
  EXPECT_EQ(post(pipeline->csrf_token_for("s:someone-else"), ""), 403);                  // another session's token
  EXPECT_EQ(post(pipeline->csrf_token_for("s:" + token), "https://evil.example"), 403);  // cross-site
  EXPECT_EQ(post(pipeline->csrf_token_for("s:" + token), "http://localhost"), 303);
}

}  // namespace
}  // namespace prongsai::app
