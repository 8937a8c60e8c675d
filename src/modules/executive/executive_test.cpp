// The executives' view on both backends: counts of the channels by age, never what a citizen
// wrote; OIT readiness and the estimate; what is overdue.
#include <gtest/gtest.h>

#include "modules/executive/overview.hpp"
#include "testing/testing.hpp"

namespace prongsai::executive {
namespace {

constexpr std::int64_t kThursday28Sep2023 = 1'695'870'000;   // 10:00 in Thailand, FY2566
constexpr std::int64_t kWednesday15Nov2023 = 1'700'000'000;  // FY2567

struct ExecutiveTest : ::testing::Test {
  void SetUp() override { f = testing::Fixture::make(); }
  Overviews& overviews() { return f->app->get<Overviews>(); }
  std::int64_t complaint(cases::Channel channel = cases::Channel::complaint) {
    cases::Submission s;
    s.channel = channel;
    s.topic = channel == cases::Channel::complaint ? "complaint" : "";
    s.content.subject = "ถนนชำรุดหน้าโรงเรียน";
    s.content.details = "หลุมลึกหน้าโรงเรียนบ้านนา รถจักรยานยนต์ล้มสองคันแล้ว";
    auto r = f->app->get<cases::Service>().submit(f->agency_id, s, store::Actor::citizen());
    EXPECT_TRUE(r) << (r ? "" : r.error().detail);
    return r ? r->case_id : 0;
  }
  // The corruption channel takes complaints once an officer holds a key.
  void open_corruption_channel() {
    auto s =
        f->app->get<accounts::Service>().login(f->agency_id, "integrity@example.org", f->password, "127.0.0.1", "test");
    ASSERT_TRUE(s);
    auto officer = f->app->get<accounts::Service>().resolve(s->token, f->agency_id);
    ASSERT_TRUE(officer);
    ASSERT_TRUE(f->app->get<cases::Service>().unlock(*officer, f->password, s->token));
  }
  std::unique_ptr<testing::Fixture> f;
};

TEST_F(ExecutiveTest, TheExecutiveViewCountsAndListsWhatIsOverdueWithWhoHoldsIt) {
  f->clock->set(kThursday28Sep2023);
  complaint();
  open_corruption_channel();
  complaint(cases::Channel::corruption);
  f->clock->set(kWednesday15Nov2023);
  complaint();
  ASSERT_TRUE(f->app->get<channels::Questions>().ask(f->agency_id, "", "ขอทราบวันเก็บขยะ"));

  EXPECT_EQ(overviews()
                .overview(f->principal("staff@example.org"), calendar::FiscalYear(2567),
                          calendar::local_date(f->clock->now()), Lang::th)
                .error()
                .kind,
            ErrorKind::forbidden);
  auto o = overviews().overview(f->principal("executive@example.org"), calendar::FiscalYear(2566),
                                calendar::local_date(f->clock->now()), Lang::th);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->complaints_by_age, (std::array<int, 4>{1, 0, 0, 1})) << "today, and 48 days ago";
  EXPECT_EQ(o->corruption_by_age, (std::array<int, 4>{0, 0, 0, 1}));
  EXPECT_EQ(o->questions_waiting, 1);
  EXPECT_GT(o->oit_missing, 0);
  ASSERT_TRUE(o->oit_score);
  ASSERT_TRUE(o->estimate) << "2566 has a framework";
  EXPECT_FALSE(o->estimate->total) << "no surveys answered";
  EXPECT_FALSE(o->overdue.empty());
  for (const web::Deadline& d : o->overdue) {
    EXPECT_EQ(d.state, web::DeadlineState::overdue);
    EXPECT_EQ(d.title.find("ถนนชำรุด"), std::string::npos);
  }
}

}  // namespace
}  // namespace prongsai::executive
