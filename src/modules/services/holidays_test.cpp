// The agency's holidays on both backends: the fixed-date public holidays of a fiscal year,
// adding and renaming and removing a day, who may, and the working days they make.
#include "modules/services/holidays.hpp"

#include <gtest/gtest.h>

#include "testing/testing.hpp"

namespace prongsai::services {
namespace {

using calendar::make_date;

struct HolidaysTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make();
    admin = f->principal("admin@example.org");
  }
  Holidays& holidays() { return f->app->get<services::Holidays>(); }
  std::unique_ptr<testing::Fixture> f;
  http::Principal admin;
};

TEST(FixedHolidays, AFiscalYearRunsFromOctoberToSeptember) {
  auto days = fixed_public_holidays(calendar::FiscalYear(2569));
  ASSERT_EQ(days.size(), 14u);
  EXPECT_EQ(days.front().day, make_date(2025, 10, 13));
  EXPECT_EQ(days.back().day, make_date(2026, 8, 12));
  for (const Holiday& h : days) EXPECT_TRUE(calendar::FiscalYear(2569).contains(h.day)) << calendar::iso(h.day);
}

TEST_F(HolidaysTest, TheYearsHolidaysMakeTheWorkingDays) {
  calendar::FiscalYear fy(2567);  // Oct 2023 – Sep 2024
  ASSERT_EQ(*holidays().add_fixed(admin, fy), 14);
  EXPECT_EQ(*holidays().add_fixed(admin, fy), 0) << "each day once";
  ASSERT_TRUE(holidays().add(admin, "2024-04-16", "วันหยุดชดเชยวันสงกรานต์"));
  ASSERT_TRUE(holidays().add(admin, "2024-04-16", "วันหยุดชดเชย"));  // renamed, not doubled
  auto list = holidays().in_year(f->agency_id, fy);
  ASSERT_EQ(list.size(), 15u);
  calendar::WorkingDays songkran = holidays().working_days(f->agency_id);
  // Received Friday 12 April 2024, three working days: Songkran and the day in lieu skipped.
  EXPECT_EQ(songkran.add(make_date(2024, 4, 12), 3), make_date(2024, 4, 19));
  ASSERT_TRUE(holidays().remove(admin, "2024-04-16"));
  EXPECT_EQ(holidays().working_days(f->agency_id).add(make_date(2024, 4, 12), 3), make_date(2024, 4, 18));
  EXPECT_TRUE(holidays().in_year(f->agency_id, calendar::FiscalYear(2568)).empty());
}

TEST_F(HolidaysTest, BadDaysAndOtherRolesAreRefused) {
  EXPECT_EQ(holidays().add(admin, "2024-02-30", "x").error().field, "day");
  EXPECT_EQ(holidays().add(admin, "2024-02-24", "").error().message_key, "error.required");
  EXPECT_EQ(holidays().remove(admin, "2024-02-24").error().kind, ErrorKind::not_found);
  auto staff = f->principal("staff@example.org");
  EXPECT_EQ(holidays().add(staff, "2024-02-24", "วันมาฆบูชา").error().kind, ErrorKind::forbidden);
  EXPECT_EQ(holidays().add_fixed(staff, calendar::FiscalYear(2567)).error().kind, ErrorKind::forbidden);
  EXPECT_TRUE(holidays().in_year(f->agency_id, calendar::FiscalYear(2567)).empty());
}

}  // namespace
}  // namespace prongsai::services
