// Readiness by cadence: what is due on a given day of the fiscal year, across its boundary.
#include "modules/disclosure/readiness.hpp"

#include <gtest/gtest.h>

namespace prongsai::disclosure {
namespace {

using calendar::make_date;
using framework::CadenceKind;

const calendar::FiscalYear kFy2566(2566);  // 1 Oct 2022 – 30 Sep 2023

Evidence dated(calendar::Date d, std::string period = "") {
  Evidence e;
  e.published_on = d;
  e.period = std::move(period);
  return e;
}

std::vector<Slot> filled(CadenceKind kind, calendar::Date today, const std::vector<Evidence>& evidence) {
  auto slots = slots_for(kind, kFy2566, today);
  for (const Evidence& e : evidence) {
    for (Slot& s : slots) {
      if (s.period == e.period) s.entries.push_back(e);
    }
  }
  return slots;
}

TEST(Readiness, MonthlySlotsRunOctoberToSeptemberAndFallDueWhenTheMonthEnds) {
  auto slots = slots_for(CadenceKind::monthly, kFy2566, make_date(2023, 1, 15));
  ASSERT_EQ(slots.size(), 12u);
  EXPECT_EQ(slots.front().period, "2022-10");
  EXPECT_EQ(slots.back().period, "2023-09");
  int due = 0;
  for (const Slot& s : slots) due += s.due;
  EXPECT_EQ(due, 3);  // October, November, December
  EXPECT_EQ(period_label("2022-10", Lang::th), "ต.ค. 2565");
  EXPECT_EQ(period_label("2023-09", Lang::en), "Sept 2023");  // ICU's English abbreviation
}

TEST(Readiness, MonthlyNamesTheMonthsStillMissing) {
  auto today = make_date(2023, 1, 15);
  auto r = assess(CadenceKind::monthly, kFy2566,
                  filled(CadenceKind::monthly, today, {dated(make_date(2022, 11, 5), "2022-10")}), today, Lang::th);
  EXPECT_EQ(r.status, Status::stale);
  EXPECT_NE(r.reason.find("พ.ย. 2565, ธ.ค. 2565"), std::string::npos) << r.reason;
  auto all = filled(CadenceKind::monthly, today,
                    {dated(make_date(2022, 11, 5), "2022-10"), dated(make_date(2022, 12, 5), "2022-11"),
                     dated(make_date(2023, 1, 5), "2022-12")});
  EXPECT_EQ(assess(CadenceKind::monthly, kFy2566, all, today, Lang::th).status, Status::ready);
  EXPECT_EQ(assess(CadenceKind::monthly, kFy2566, filled(CadenceKind::monthly, today, {}), today, Lang::th).status,
            Status::missing);
  // After the year ends every month is due.
  auto after = make_date(2023, 10, 2);
  EXPECT_EQ(assess(CadenceKind::monthly, kFy2566,
                   filled(CadenceKind::monthly, after, {dated(make_date(2022, 11, 5), "2022-10")}), after, Lang::th)
                .status,
            Status::stale);
}

TEST(Readiness, AHalfYearIsDueOnceItHasClosed) {
  auto march = make_date(2023, 3, 31);
  EXPECT_EQ(
      assess(CadenceKind::half_yearly, kFy2566, filled(CadenceKind::half_yearly, march, {}), march, Lang::th).status,
      Status::ready);  // nothing due yet
  auto april = make_date(2023, 4, 1);
  EXPECT_EQ(
      assess(CadenceKind::half_yearly, kFy2566, filled(CadenceKind::half_yearly, april, {}), april, Lang::th).status,
      Status::missing);
  auto h1 = filled(CadenceKind::half_yearly, april, {dated(make_date(2023, 4, 1), "H1")});
  EXPECT_EQ(assess(CadenceKind::half_yearly, kFy2566, h1, april, Lang::th).status, Status::ready);
  EXPECT_FALSE(period_span(CadenceKind::half_yearly, kFy2566, "H3"));
  EXPECT_FALSE(period_span(CadenceKind::monthly, kFy2566, "2023-10"));  // the next year's October
  EXPECT_EQ(period_span(CadenceKind::monthly, kFy2566, "2023-02")->last, make_date(2023, 2, 28));
}

// ITA 2568's "แผนและความก้าวหน้า": the year's plan at once, its six-month progress once March is over.
TEST(Readiness, APlanWithItsHalfYearProgress) {
  const auto kind = CadenceKind::annual_with_half_year_progress;
  auto march = make_date(2023, 3, 31);
  EXPECT_EQ(assess(kind, kFy2566, filled(kind, march, {}), march, Lang::th).status, Status::missing);
  auto plan = filled(kind, march, {dated(make_date(2022, 11, 1))});
  EXPECT_EQ(assess(kind, kFy2566, plan, march, Lang::th).status, Status::ready);
  auto april = make_date(2023, 4, 1);
  Readiness late = assess(kind, kFy2566, filled(kind, april, {dated(make_date(2022, 11, 1))}), april, Lang::th);
  EXPECT_EQ(late.status, Status::stale);
  EXPECT_NE(late.reason.find("ครึ่งปีแรก"), std::string::npos) << late.reason;
  Readiness no_plan = assess(kind, kFy2566, filled(kind, april, {dated(make_date(2023, 4, 1), "H1")}), april, Lang::th);
  EXPECT_EQ(no_plan.status, Status::stale);
  EXPECT_NE(no_plan.reason.find("แผนประจำปี"), std::string::npos) << no_plan.reason;
  auto both = filled(kind, april, {dated(make_date(2022, 11, 1)), dated(make_date(2023, 4, 1), "H1")});
  EXPECT_EQ(assess(kind, kFy2566, both, april, Lang::th).status, Status::ready);
  EXPECT_EQ(period_span(kind, kFy2566, "H1")->last, make_date(2023, 3, 31));
}

TEST(Readiness, AnnualEvidenceMustBePublishedInsideTheYear) {
  auto today = make_date(2023, 5, 1);
  auto old = filled(CadenceKind::annual, today, {dated(make_date(2022, 9, 30))});
  auto r = assess(CadenceKind::annual, kFy2566, old, today, Lang::th);
  EXPECT_EQ(r.status, Status::stale);
  EXPECT_NE(r.reason.find("2566"), std::string::npos);
  auto fresh = filled(CadenceKind::annual, today, {dated(make_date(2022, 10, 1))});
  EXPECT_EQ(assess(CadenceKind::annual, kFy2566, fresh, today, Lang::th).status, Status::ready);
  // Standing information counts whenever it was published.
  auto standing = filled(CadenceKind::standing, today, {dated(make_date(2020, 1, 1))});
  EXPECT_EQ(assess(CadenceKind::standing, kFy2566, standing, today, Lang::th).status, Status::ready);
  EXPECT_EQ(assess(CadenceKind::standing, kFy2566, filled(CadenceKind::standing, today, {}), today, Lang::th).status,
            Status::missing);
}

}  // namespace
}  // namespace prongsai::disclosure
