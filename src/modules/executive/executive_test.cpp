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
  std::unique_ptr<testing::Fixture> f;
};

TEST_F(ExecutiveTest, TheExecutiveViewCountsAndListsWhatIsOverdueWithWhoHoldsIt) {
  f->clock->set(kThursday28Sep2023);
  f->complaint();
  f->open_corruption_channel();
  f->complaint(cases::Channel::corruption);
  f->clock->set(kWednesday15Nov2023);
  f->complaint();
  ASSERT_TRUE(f->app->get<qa::Questions>().ask(f->agency_id, "", "ขอทราบวันเก็บขยะ"));

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

// The trend: each year with a real result recorded from ITAS, beside Prongsai's estimate.
TEST_F(ExecutiveTest, PastYearsRealResultsStandBesideTheirEstimates) {
  f->clock->set(kWednesday15Nov2023);
  const calendar::Date today = calendar::local_date(f->clock->now());
  const http::Principal executive = f->principal("executive@example.org");
  auto none = overviews().overview(executive, calendar::FiscalYear(2567), today, Lang::th);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->results.empty());

  auto& results = f->app->get<assessment::Results>();
  const http::Principal admin = f->principal("admin@example.org");
  std::vector<assessment::ItemScoreInput> lines;
  for (const framework::Item* item : f->app->catalogue().year(2566)->items_of(framework::Tool::oit))
    lines.push_back({item->code, "100", ""});
  ASSERT_TRUE(results.save_items(admin, 2566, assessment::Stage::final, lines));
  ASSERT_TRUE(results.save_tools(admin, 2566, {{"iit", "90"}, {"eit", "80"}}));
  ASSERT_TRUE(results.save_items(admin, 2565, assessment::Stage::preliminary, {{"O1", "0", ""}}));

  auto o = overviews().overview(executive, calendar::FiscalYear(2567), today, Lang::th);
  ASSERT_TRUE(o);
  ASSERT_EQ(o->results.size(), 2u);
  EXPECT_EQ(o->results[0].year, 2566) << "newest first";
  ASSERT_TRUE(o->results[0].total);
  EXPECT_NEAR(*o->results[0].total, 0.3 * 90 + 0.3 * 80 + 0.4 * 100, 1e-9);  // 91, grade A
  EXPECT_EQ(o->results[0].level, "A");
  EXPECT_TRUE(o->results[0].final);
  EXPECT_FALSE(o->results[0].estimated_total) << "no survey answered in 2566: no estimate to set beside it";
  EXPECT_EQ(o->results[1].year, 2565);
  EXPECT_FALSE(o->results[1].total) << "one item scored of 2565's list";
  EXPECT_EQ(o->results[1].scored, 1u);
}

}  // namespace
}  // namespace prongsai::executive
