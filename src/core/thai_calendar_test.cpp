// The Thai calendar around its boundaries: fiscal years, quarters, halves, BE formatting.
#include "core/thai_calendar.hpp"

#include <gtest/gtest.h>

namespace prongsai::calendar {
namespace {

TEST(FiscalYear, NamedByTheBuddhistYearItEndsIn) {
  EXPECT_EQ(FiscalYear::of(make_date(2022, 10, 1)).be(), 2566);
  EXPECT_EQ(FiscalYear::of(make_date(2022, 9, 30)).be(), 2565);
  EXPECT_EQ(FiscalYear::of(make_date(2023, 9, 30)).be(), 2566);
  EXPECT_EQ(FiscalYear::of(make_date(2023, 10, 1)).be(), 2567);
  EXPECT_EQ(FiscalYear::of(make_date(2023, 1, 1)).be(), 2566);
}

TEST(ParseThai, EveryFormTheDataWrites) {
  const Date jan10 = make_date(2024, 1, 10);
  for (std::string_view text :
       {"10 ม.ค. 67", "10 ม.ค. 2567", "10 ม.ค.67", "10 ม.ค 67", "10 มกราคม 2567", "10 มกราคม พ.ศ. 2567",
        "10 ม.ค. 67 14:30", "10 ม.ค. 2567 14.30 น.", "10/01/2567", "10/1/67", "10-01-2567", "2567-01-10", "2024-01-10",
        "10/01/2024", "๑๐ ม.ค. ๖๗", "  10 ม.ค. 67  "})
    EXPECT_EQ(parse_thai(text), jan10) << text;
  EXPECT_EQ(parse_thai("1 ต.ค. 66"), make_date(2023, 10, 1));
  EXPECT_EQ(parse_thai("29 ก.พ. 67"), make_date(2024, 2, 29));  // 2024 is a leap year
  EXPECT_EQ(parse_thai("31 ธ.ค. 2566"), make_date(2023, 12, 31));
  EXPECT_EQ(parse_thai("5 มี.ค. 68"), make_date(2025, 3, 5));  // มี.ค., not ม.ค.
}

TEST(ParseThai, RefusesWhatIsNotADate) {
  for (std::string_view text :
       {"", "-", "ม.ค. 67", "10", "10 มค 67", "29 ก.พ. 66", "31 เม.ย. 67", "32 ม.ค. 67", "10/13/2567", "10 ม.ค. 667",
        "10 ม.ค. 67 น่าน", "2567-1-1x", "123 ม.ค. 67", "10 January 2024"})
    EXPECT_EQ(parse_thai(text), std::nullopt) << text;
}

TEST(FiscalYear, PeriodQuartersAndHalves) {
  FiscalYear fy(2566);
  EXPECT_EQ(fy.period(), (Period{make_date(2022, 10, 1), make_date(2023, 9, 30)}));
  EXPECT_EQ(fy.quarter(1), (Period{make_date(2022, 10, 1), make_date(2022, 12, 31)}));
  EXPECT_EQ(fy.quarter(2), (Period{make_date(2023, 1, 1), make_date(2023, 3, 31)}));
  EXPECT_EQ(fy.quarter(4), (Period{make_date(2023, 7, 1), make_date(2023, 9, 30)}));
  EXPECT_EQ(fy.half(1), (Period{make_date(2022, 10, 1), make_date(2023, 3, 31)}));
  EXPECT_EQ(fy.half(2), (Period{make_date(2023, 4, 1), make_date(2023, 9, 30)}));
  EXPECT_EQ(fy.month(1), (Period{make_date(2022, 10, 1), make_date(2022, 10, 31)}));
  EXPECT_EQ(fy.month(5), (Period{make_date(2023, 2, 1), make_date(2023, 2, 28)}));
  EXPECT_EQ(FiscalYear(2567).month(5).last, make_date(2024, 2, 29));  // a leap February
  EXPECT_EQ(fy.month(12), (Period{make_date(2023, 9, 1), make_date(2023, 9, 30)}));
}

TEST(FiscalYear, MonthIndexAndQuarterOfADate) {
  EXPECT_EQ(FiscalYear::month_index(10), 1);
  EXPECT_EQ(FiscalYear::month_index(12), 3);
  EXPECT_EQ(FiscalYear::month_index(1), 4);
  EXPECT_EQ(FiscalYear::month_index(9), 12);
  EXPECT_EQ(FiscalYear::quarter_of(make_date(2022, 12, 31)), 1);
  EXPECT_EQ(FiscalYear::quarter_of(make_date(2023, 1, 1)), 2);
  EXPECT_EQ(FiscalYear::quarter_of(make_date(2023, 9, 30)), 4);
}

TEST(Calendar, MonthsBetweenCrossTheYearEnd) {
  auto months = months_between(make_date(2022, 11, 15), make_date(2023, 2, 1));
  ASSERT_EQ(months.size(), 4u);
  EXPECT_EQ(months.front(), std::make_pair(2022, 11u));
  EXPECT_EQ(months.back(), std::make_pair(2023, 2u));
}

TEST(Calendar, FormatsBuddhistEraInThai) {
  EXPECT_EQ(format(make_date(2026, 11, 24), Lang::th), "24 พ.ย. 2569");
  EXPECT_EQ(format(make_date(2026, 11, 24), Lang::th, Style::long_form), "24 พฤศจิกายน 2569");
  EXPECT_EQ(format(make_date(2022, 10, 1), Lang::th), "1 ต.ค. 2565");
  EXPECT_EQ(format(make_date(2026, 11, 24), Lang::en), "24 Nov 2026");
  EXPECT_EQ(month_name(4, Lang::th), "เมษายน");
  EXPECT_EQ(format_period(FiscalYear(2566).period(), Lang::th), "1 ต.ค. 2565 – 30 ก.ย. 2566");
}

TEST(Calendar, InstantsAreShownInThailandTime) {
  // 2023-09-30T17:30:00Z is 1 October 00:30 in Bangkok: already FY2567.
  Timestamp t = 1696095000;
  EXPECT_EQ(local_date(t), make_date(2023, 10, 1));
  EXPECT_EQ(FiscalYear::of(local_date(t)).be(), 2567);
  EXPECT_EQ(format_time(t, Lang::th), "1 ต.ค. 2566 00:30");
  EXPECT_EQ(start_of_day(make_date(2023, 10, 1)), 1696093200);
  EXPECT_EQ(end_of_day(make_date(2023, 10, 1)) + 1, start_of_day(make_date(2023, 10, 2)));
}

TEST(Calendar, ParsesIsoDatesStrictly) {
  EXPECT_EQ(parse_iso("2023-02-28"), make_date(2023, 2, 28));
  EXPECT_FALSE(parse_iso("2023-02-29"));
  EXPECT_FALSE(parse_iso("2023-2-28"));
  EXPECT_FALSE(parse_iso("2566-13-01"));
  EXPECT_EQ(iso(make_date(2023, 1, 5)), "2023-01-05");
}

}  // namespace
TEST(Calendar, FiguresAreAsOfTodayWhileTheYearRunsAndItsLastDayAfter) {
  const FiscalYear fy(2567);  // 1 Oct 2023 – 30 Sep 2024
  const Date since = make_date(2023, 5, 1);
  EXPECT_EQ(figures_as_of(fy, make_date(2023, 9, 30), since), std::nullopt) << "not begun";
  EXPECT_EQ(figures_as_of(fy, make_date(2023, 10, 1), since), make_date(2023, 10, 1));
  EXPECT_EQ(figures_as_of(fy, make_date(2024, 9, 30), since), make_date(2024, 9, 30));
  EXPECT_EQ(figures_as_of(fy, make_date(2025, 3, 1), since), make_date(2024, 9, 30)) << "over: its last day";
  EXPECT_EQ(figures_as_of(fy, make_date(2025, 3, 1), make_date(2024, 9, 30)), make_date(2024, 9, 30));
  EXPECT_EQ(figures_as_of(fy, make_date(2025, 3, 1), make_date(2024, 10, 1)), std::nullopt)
      << "over before the agency came: its figures would say nothing happened";
}

}  // namespace prongsai::calendar
