// The register as the documents an agency publishes: the monthly summary (แบบ สขร.1: what was
// bought in a month, how, from whom, for how much and why) and, from the same purchases, its
// rows for a spreadsheet. A month without purchases says ไม่มีการจัดซื้อจัดจ้าง. Pure: the
// register's purchases in, a documents::TableReport out (PDF on A4 landscape, XLSX, CSV).
#pragma once

#include <string>
#include <vector>

#include "core/strings.hpp"
#include "core/thai_calendar.hpp"
#include "documents/table_report.hpp"
#include "modules/procurement/procurement.hpp"

namespace prongsai::procurement {

// The purchases of the fiscal year's month `index` (1 = October … 12 = September): those
// reported on a day of it, in the order of those days.
std::vector<Project> of_month(const std::vector<Project>& year, int fiscal_year, int index);

// The สขร.1 of one month: ลำดับ, งานที่จัดซื้อหรือจัดจ้าง (with its e-GP number), วงเงิน, ราคากลาง,
// วิธี, ผู้เสนอราคาและราคาที่เสนอ, ผู้ได้รับการคัดเลือกและราคาที่ตกลง, เหตุผล, เลขที่และวันที่ของ
// สัญญา, สถานะ. `as_of`: the day the summary is made, on its cover.
documents::TableReport monthly_summary(const std::vector<Project>& month, int fiscal_year, int index,
                                       const std::string& agency_name, Lang lang, calendar::Date as_of);

// A line of the year's purchase plan.
struct PlanLine {
  std::string name;
  std::optional<Satang> budget;
  std::string budget_source, method = "specific";
  std::string expected_month;  // the calendar month, CE: "2026-12"; "" not yet known
  std::string unit;            // the responsible unit's name
  std::string note;
  friend bool operator==(const PlanLine&, const PlanLine&) = default;
};

// The year's purchase plan (แผนการจัดซื้อจัดจ้าง): ลำดับที่, รายการ, วงเงินงบประมาณ, แหล่งที่มา,
// วิธีการ, ช่วงเวลาที่คาดว่าจะจัดซื้อจัดจ้าง, หน่วยงานที่รับผิดชอบ, หมายเหตุ; a plan of no lines says
// there is nothing to plan. A4 landscape.
documents::TableReport purchase_plan(const std::vector<PlanLine>& lines, int fiscal_year,
                                     const std::string& agency_name, Lang lang, calendar::Date as_of);

// What the officer writes into the annual report: each a section after the figures, left out
// when empty; paragraphs by line.
struct AnnualTexts {
  std::string analysis, problems, suggestions;
  friend bool operator==(const AnnualTexts&, const AnnualTexts&) = default;
};

// The year's report (รายงานผลการจัดซื้อจัดจ้างประจำปี): what was bought, cancelled, agreed and
// saved against the budgets; a table by method and by quarter (the count and what was agreed,
// each with its share); a chart of what was agreed by quarter; then the officer's analysis,
// problems and suggestions. A4 portrait.
documents::TableReport annual_report(const std::vector<Project>& year, int fiscal_year, const std::string& agency_name,
                                     const AnnualTexts& texts, Lang lang, calendar::Date as_of);

}  // namespace prongsai::procurement
