// Due dates across the fiscal-year boundary.
#include "modules/measures/schedule.hpp"

#include <gtest/gtest.h>

namespace prongsai::measures {
namespace {

using calendar::make_date;

Monitoring rule(Cadence c, std::vector<unsigned> months = {}, unsigned deadline = 0) {
  Monitoring m;
  m.cadence = c;
  m.months = std::move(months);
  m.deadline_month = deadline;
  return m;
}

TEST(Schedule, MonthlyIsTheLastDayOfEachMonthOfTheYear) {
  auto d = due_dates(rule(Cadence::monthly), calendar::FiscalYear(2566));
  ASSERT_EQ(d.size(), 12u);
  EXPECT_EQ(d.front(), make_date(2022, 10, 31));
  EXPECT_EQ(d[2], make_date(2022, 12, 31));
  EXPECT_EQ(d[3], make_date(2023, 1, 31));  // across the calendar year
  EXPECT_EQ(d[4], make_date(2023, 2, 28));
  EXPECT_EQ(d.back(), make_date(2023, 9, 30));
  EXPECT_EQ(due_dates(rule(Cadence::monthly), calendar::FiscalYear(2567))[4], make_date(2024, 2, 29));
}

TEST(Schedule, QuarterlyIsTheEndOfEachQuarter) {
  auto d = due_dates(rule(Cadence::quarterly), calendar::FiscalYear(2566));
  EXPECT_EQ(d, (std::vector<calendar::Date>{make_date(2022, 12, 31), make_date(2023, 3, 31), make_date(2023, 6, 30),
                                            make_date(2023, 9, 30)}));
}

TEST(Schedule, AprilAndOctoberLookBackOnEachHalf) {
  auto d = due_dates(rule(Cadence::half_yearly, {4, 10}), calendar::FiscalYear(2566));
  EXPECT_EQ(d, (std::vector<calendar::Date>{make_date(2023, 4, 30), make_date(2023, 10, 31)}));
  EXPECT_EQ(due_dates(rule(Cadence::half_yearly), calendar::FiscalYear(2566)),
            (std::vector<calendar::Date>{make_date(2023, 3, 31), make_date(2023, 9, 30)}));
}

TEST(Schedule, YearlyByADeadlineMonth) {
  EXPECT_EQ(due_dates(rule(Cadence::yearly, {}, 12), calendar::FiscalYear(2566)),
            (std::vector<calendar::Date>{make_date(2022, 12, 31)}));
  EXPECT_EQ(due_dates(rule(Cadence::yearly, {}, 1), calendar::FiscalYear(2566)),
            (std::vector<calendar::Date>{make_date(2023, 1, 31)}));
  EXPECT_EQ(due_dates(rule(Cadence::yearly), calendar::FiscalYear(2566)),
            (std::vector<calendar::Date>{make_date(2023, 9, 30)}));
  EXPECT_TRUE(due_dates(rule(Cadence::unknown), calendar::FiscalYear(2566)).empty());
}

}  // namespace
}  // namespace prongsai::measures
