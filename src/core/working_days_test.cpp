#include "core/working_days.hpp"

#include <gtest/gtest.h>

namespace prongsai::calendar {
namespace {

// 2024-04-12 is a Friday; 13–15 April (Songkran) and 16 April (the day in lieu that year) are
// holidays in this test's calendar.
const WorkingDays kSongkran({make_date(2024, 4, 13), make_date(2024, 4, 14), make_date(2024, 4, 15),
                             make_date(2024, 4, 16)});

TEST(WorkingDays, WeekendsAreNotWorkingDays) {
  WorkingDays plain;
  EXPECT_TRUE(plain.is_working_day(make_date(2024, 4, 12)));   // Friday
  EXPECT_FALSE(plain.is_working_day(make_date(2024, 4, 13)));  // Saturday
  EXPECT_FALSE(plain.is_working_day(make_date(2024, 4, 14)));  // Sunday
  EXPECT_TRUE(plain.is_working_day(make_date(2024, 4, 15)));   // Monday
}

TEST(WorkingDays, ATargetSkipsWeekendsAndHolidays) {
  WorkingDays plain;
  // Received Friday, three working days: Monday, Tuesday, Wednesday.
  EXPECT_EQ(plain.add(make_date(2024, 4, 12), 3), make_date(2024, 4, 17));
  // With Songkran and its day in lieu: Wednesday, Thursday, Friday.
  EXPECT_EQ(kSongkran.add(make_date(2024, 4, 12), 3), make_date(2024, 4, 19));
  EXPECT_EQ(kSongkran.add(make_date(2024, 4, 12), 0), make_date(2024, 4, 12));
  // Received on a holiday: the count starts with the next working day.
  EXPECT_EQ(kSongkran.add(make_date(2024, 4, 14), 1), make_date(2024, 4, 17));
}

TEST(WorkingDays, TimeTakenCountsWorkingDaysOnly) {
  WorkingDays plain;
  EXPECT_EQ(plain.between(make_date(2024, 4, 12), make_date(2024, 4, 16)), 2);  // Fri → Tue
  EXPECT_EQ(kSongkran.between(make_date(2024, 4, 12), make_date(2024, 4, 16)), 0);
  EXPECT_EQ(kSongkran.between(make_date(2024, 4, 12), make_date(2024, 4, 19)), 3);
  EXPECT_EQ(plain.between(make_date(2024, 4, 12), make_date(2024, 4, 12)), 0);
  EXPECT_EQ(plain.between(make_date(2024, 4, 19), make_date(2024, 4, 12)), 0);
  // Across a year's end: Thu 28 Dec 2023 → Tue 2 Jan 2024, 31 Dec and 1 Jan holidays.
  WorkingDays new_year({make_date(2023, 12, 31), make_date(2024, 1, 1)});
  EXPECT_EQ(new_year.between(make_date(2023, 12, 28), make_date(2024, 1, 2)), 2);  // Fri 29, Tue 2
}

}  // namespace
}  // namespace prongsai::calendar
