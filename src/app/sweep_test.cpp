// The hourly sweep (App::sweep, a run-once job in serve.cpp), on both backends: sessions past
// their idle or absolute timeout go, in every agency, and live ones stay; officers' key copies
// go with their sessions; throttling counters go once their window is long past.
#include <gtest/gtest.h>

#include "store/rate_limit.hpp"
#include "testing/testing.hpp"

namespace prongsai {
namespace {

TEST(Sweep, DeletesWhatCanNoLongerBeUsedAndNothingElse) {
  auto f = testing::Fixture::make();
  app::App& app = *f->app;
  accounts::Service& accounts = app.get<accounts::Service>();
  auto other = accounts.add_hosted_agency({"เทศบาลตำบลบ้านใหม่", "admin@banmai.go.th", "ผู้ดูแล", false}, "banmai.example");
  ASSERT_TRUE(other) << other.error().detail;

  auto login = [&](std::int64_t agency, const std::string& email, const std::string& password) {
    auto s = accounts.login(agency, email, password, "127.0.0.1", "test");
    EXPECT_TRUE(s) << (s ? "" : s.error().detail);
    return s ? s->token : std::string();
  };
  std::string idle = login(f->agency_id, "staff@example.org", f->password);
  std::string elsewhere = login(other->agency_id, "admin@banmai.go.th", other->password);
  f->clock->advance(app.limits().session_idle.count() - 60);
  std::string live = login(f->agency_id, "admin@example.org", f->password);
  ASSERT_TRUE(accounts.resolve(idle, f->agency_id));
  f->clock->advance(120);  // the first two are now idle past the limit

  auto sessions = [&] {
    return app.store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM sessions"); });
  };
  auto keys = [&] {
    return app.store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM officer_session_keys"); });
  };
  // An officer's key copy for the live session and one for a session already gone.
  std::int64_t live_id = accounts.resolve(live, f->agency_id)->session_id;
  std::int64_t officer = accounts.user_by_email(f->agency_id, "integrity@example.org")->id;
  app.store().bookkeeping([&](store::BookkeepingTx& tx) {
    const char* insert =
        "INSERT INTO officer_session_keys (session_id, user_id, agency_id, wrapped_secret, created_at) "
        "VALUES (?, ?, ?, ?, 0)";
    tx.exec(insert, {live_id, officer, f->agency_id, store::Blob{"k1"}});
    tx.exec(insert, {live_id + 1000, officer, f->agency_id, store::Blob{"k2"}});
    return 0;
  });

  store::RateLimiter& limiter = app.limiter();
  std::string old_key = limiter.key_for("test", "old"), new_key = limiter.key_for("test", "new");
  limiter.hit(old_key, 3600);
  f->clock->advance(3 * 86400);
  limiter.hit(new_key, 3600);
  live = login(f->agency_id, "admin@example.org", f->password);  // signed in again: three days went by
  live_id = accounts.resolve(live, f->agency_id)->session_id;
  app.store().bookkeeping([&](store::BookkeepingTx& tx) {
    return tx.exec("UPDATE officer_session_keys SET session_id = ? WHERE wrapped_secret = ?",
                   {live_id, store::Blob{"k1"}});
  });

  EXPECT_EQ(sessions(), 4);
  app::App::Swept swept = app.sweep();
  EXPECT_EQ(swept.of("sessions"), 3) << "idle, the other agency's idle one, and the first admin session";
  EXPECT_EQ(sessions(), 1);
  EXPECT_TRUE(accounts.resolve(live, f->agency_id)) << "the live session works on";
  EXPECT_FALSE(accounts.resolve(elsewhere, other->agency_id));
  EXPECT_EQ(swept.of("session keys"), 1);
  EXPECT_EQ(keys(), 1) << "the live session's copy stays";
  EXPECT_EQ(swept.of("counters"), 1);
  EXPECT_EQ(limiter.count(new_key, 3600), 1);

  app::App::Swept again = app.sweep();
  EXPECT_EQ(again.total(), 0);
}

}  // namespace
}  // namespace prongsai
