// Each month's summary (แบบ สขร.1), and the year's report, as the agency publishes them. The พัสดุ officer publishes a
// month once it is over: its PDF, XLSX and CSV are made from the register that day and kept as they were (file_blobs,
// by SHA-256), so that what the public and the NACC's assessor download never changes under them. The register changed
// afterwards is told apart (the month's table no longer matches), and a correction is published as the month's next
// version, with its reason. Each month is due on a day of the next month that the admin sets (the 10th unless set); the
// calendar holds the deadline for the พัสดุ officers, and what is published fills the month's
// slot of the year's OIT item (module.cpp). The year's report is published the same way once
// the year is over, with the officer's analysis, problems and suggestions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/thai_calendar.hpp"
#include "files/files.hpp"
#include "http/access.hpp"
#include "modules/procurement/procurement.hpp"
#include "modules/procurement/summary.hpp"
#include "store/store.hpp"

namespace prongsai::procurement {

// The formats a month is published in, in the order the public page lists them.
inline constexpr std::string_view kPublishedFormats[] = {"pdf", "xlsx", "csv"};

// What a published month, year's report or plan holds alike.
struct Publication {
  int fiscal_year = 0;
  int version = 0;                // 1, then 2 for the first correction
  std::string content;            // SHA-256 of what was published: what changed since is told apart
  std::vector<files::Ref> files;  // kPublishedFormats, in order
  std::string note;               // why a correction was published; empty for the first
  std::int64_t published_at = 0;
};

// A public file of what was published: "/procurement/2570/files/2026-10.pdf" for `name`
// "2026-10" (a month), kAnnual or kPlan.
std::string file_href(int fiscal_year, std::string_view name, std::string_view format);

struct PublishedMonth : Publication {
  std::string month;  // the calendar month, CE: "2026-10"
  std::int64_t projects = 0;
  Satang agreed = 0;
};

// The year's report (summary.hpp: annual_report) as published.
struct PublishedYear : Publication {
  AnnualTexts texts;
  std::int64_t projects = 0;  // not cancelled
  Satang agreed = 0;
};
// Where the year's report stands: the year not over; over and not published; published as
// the register has it; or the register changed since.
enum class YearState { not_over, due, published, changed };
std::string_view to_string(YearState s);
// The name that asks `Summaries::file` for the year's report rather than a month's.
inline constexpr std::string_view kAnnual = "annual";

// The year's purchase plan as the officer keeps it, and as published.
struct PlanRow {
  PlanLine line;  // its unit by name
  std::optional<std::int64_t> unit_id;
};
// A line of the plan's form, as typed: the budget "1,234,567.50", the month as <input
// type=month> sends it ("2026-12"), the unit by its id. A row with nothing typed is left out.
struct PlanLineInput {
  std::string name, budget, budget_source, method, expected_month, unit, note;
};
struct PublishedPlan : Publication {
  std::int64_t lines = 0;
  Satang budget = 0;
};
enum class PlanState { unpublished, published, changed };
// The names that ask `Summaries::file` for the plan.
inline constexpr std::string_view kPlan = "plan";

// Where a month of the fiscal year stands.
enum class MonthState {
  not_over,   // the month has not ended: nothing to publish yet
  due,        // over, not published, its day not passed
  overdue,    // over, not published, past its day
  published,  // published as the register has it
  changed,    // published, and the register changed since: a correction is wanted
};
std::string_view to_string(MonthState s);

struct MonthStatus {
  int index = 0;  // 1 = October … 12 = September
  std::string month;
  calendar::Period days;
  calendar::Date due;
  MonthState state = MonthState::not_over;
  std::optional<PublishedMonth> published;  // its latest version
};

class Summaries {
 public:
  Summaries(store::Store& store, const Clock& clock, Register& reg, accounts::Service& accounts)
      : store_(store), clock_(clock), reg_(reg), accounts_(accounts) {}

  // The day of the next month a month's summary is due: the agency's, or kDefaultDueDay.
  static constexpr int kDefaultDueDay = 10;
  int due_day(std::int64_t agency_id);
  // The admin sets it: 1 to 28 (every month has it).
  Result<void> set_due_day(const http::Principal& by, int day);
  // Day `due_day` of the month after the fiscal year's month `index`.
  static calendar::Date due_on(int fiscal_year, int index, int due_day);

  // The fiscal years with a published month, latest first.
  std::vector<int> years(std::int64_t agency_id);
  // The latest version of each published month of the year, October first.
  std::vector<PublishedMonth> published(std::int64_t agency_id, int fiscal_year);
  // The twelve months of the year as they stand on `today`, against the register (`projects`:
  // the year's, when the caller has read them already).
  std::vector<MonthStatus> months(std::int64_t agency_id, int fiscal_year, calendar::Date today);
  std::vector<MonthStatus> months(std::int64_t agency_id, int fiscal_year, calendar::Date today,
                                  const std::vector<Project>& projects);

  // Publishes the month (the calendar month, "2026-10") of the fiscal year as the register has
  // it: from the month's last day on; again only when the register changed since, and then with
  // `note` saying why. Audited.
  // Each publication is scanned for personal data first (files/personal_data.hpp): found, it
  // waits for `confirm_personal_data` (`lang`: of the refusal), which the audit keeps.
  Result<PublishedMonth> publish(const http::Principal& by, int fiscal_year, const std::string& month,
                                 const std::string& note, bool confirm_personal_data = false, Lang lang = Lang::th);

  // The year's report, published from the year's last day on: its figures as the register has
  // them and the officer's texts; again only when either changed, and then with `note`. Audited.
  Result<PublishedYear> publish_year(const http::Principal& by, int fiscal_year, const AnnualTexts& texts,
                                     const std::string& note, bool confirm_personal_data = false, Lang lang = Lang::th);
  std::optional<PublishedYear> published_year(std::int64_t agency_id, int fiscal_year);
  YearState year_state(std::int64_t agency_id, int fiscal_year, calendar::Date today);
  YearState year_state(std::int64_t agency_id, int fiscal_year, calendar::Date today,
                       const std::vector<Project>& projects);

  // The year's purchase plan: its lines as kept, saved whole (the admin and the พัสดุ officer;
  // audited as one change of the plan); published at any time, again only when it changed,
  // then with `note`.
  std::vector<PlanRow> plan(std::int64_t agency_id, int fiscal_year);
  // A refused line is named as the officer counts them, in `lang`.
  Result<void> save_plan(const http::Principal& by, int fiscal_year, const std::vector<PlanLineInput>& lines,
                         Lang lang);
  Result<PublishedPlan> publish_plan(const http::Principal& by, int fiscal_year, const std::string& note,
                                     bool confirm_personal_data = false, Lang lang = Lang::th);
  std::optional<PublishedPlan> published_plan(std::int64_t agency_id, int fiscal_year);
  PlanState plan_state(std::int64_t agency_id, int fiscal_year);

  // A published file: ("2026-10", kAnnual or kPlan; "pdf") → its latest version's bytes.
  struct File {
    files::Ref ref;
    std::string data;
  };
  std::optional<File> file(std::int64_t agency_id, int fiscal_year, std::string_view what, std::string_view format);

 private:
  store::Store& store_;
  const Clock& clock_;
  Register& reg_;
  accounts::Service& accounts_;
};

// The fiscal year's month `index` as its calendar month: "2026-10".
std::string month_key(int fiscal_year, int index);
// "2026-10" → its index in `fiscal_year` (1 = October), or nullopt when it is not one of its months.
std::optional<int> month_index(int fiscal_year, std::string_view month);

}  // namespace prongsai::procurement
