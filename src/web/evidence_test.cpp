// The day a page of figures is dated, by what the item asks of the year.
#include "web/evidence.hpp"

#include <gtest/gtest.h>

namespace prongsai::web {
namespace {

using calendar::make_date;

EvidenceQuery query(int assessment_year, int about, calendar::Date today) {
  EvidenceQuery q;
  q.assessment_year = assessment_year;
  q.about = calendar::FiscalYear(about);
  q.today = today;
  q.agency_since = make_date(2020, 1, 1);
  return q;
}

TEST(EvidenceQuery, FiguresAreDatedTodayWhileTheirYearRunsAndByItsEndAfter) {
  // The year assessed: today, then its last day (the page showed the year's figures in it).
  EXPECT_EQ(query(2570, 2570, make_date(2026, 12, 5)).figures_as_of(), make_date(2026, 12, 5));
  EXPECT_EQ(query(2566, 2566, make_date(2026, 12, 5)).figures_as_of(), make_date(2023, 9, 30));
  // The year before (ITA 2568's O11 on FY2567): final the day after it ended.
  EXPECT_EQ(query(2568, 2567, make_date(2025, 1, 10)).figures_as_of(), make_date(2024, 10, 1));
  // Not begun: nothing.
  EXPECT_FALSE(query(2571, 2571, make_date(2026, 12, 5)).figures_as_of());
  // Ended before the agency came on Prongsai: its figures would say nothing happened.
  EvidenceQuery late = query(2570, 2569, make_date(2026, 12, 5));
  late.agency_since = make_date(2026, 11, 1);
  EXPECT_FALSE(late.figures_as_of());
  late.agency_since = make_date(2026, 9, 1);  // came on in the year's last month: its figures from then
  EXPECT_EQ(late.figures_as_of(), make_date(2026, 10, 1));
}

}  // namespace
}  // namespace prongsai::web
