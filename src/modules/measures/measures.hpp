// The measures module's contract (the year's measures plan, its tracking and the report on it).
//
// Today: a plan per agency and fiscal year with its issues, steps, responsible units and
// monitoring rules, imported from a report in the form agencies publish (importer.hpp), and
// read back for the staff page. Editing, progress reports, review, documents and publishing
// build on this model.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "framework/framework.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/measures/importer.hpp"
#include "modules/measures/model.hpp"
#include "modules/measures/progress.hpp"
#include "modules/measures/report.hpp"
#include "store/store.hpp"
#include "web/results.hpp"

namespace prongsai::measures {

struct StoredIssue {
  std::int64_t id = 0;
  Issue issue;
  std::vector<std::int64_t> unit_ids;
};

// The cited assessment's final result as recorded from ITAS: what the plan's document says it
// was made from ("… ได้คะแนน 85.75 ระดับ ผ่าน").
struct CitedResult {
  double total = 0;
  std::string level;
};

struct Plan {
  std::int64_t id = 0;
  int fiscal_year = 0;  // BE
  int cited_year = 0;   // the assessment year whose codes the issues carry
  std::string title, prepared_by, agency_name_as_written, source;
  std::int64_t created_at = 0;
  std::vector<StoredIssue> issues;
  int framework_version = 0;  // of the cited year's framework, when the plan was made
  // Set for the plan's documents and their publication (Service::report, approve_plan), when a
  // final result of the cited year is recorded; a published version keeps the one it had.
  std::optional<CitedResult> cited_result;
};

struct PlanSummary {
  int fiscal_year = 0;
  std::string title;
  std::int64_t issues = 0;
};

struct ImportResult {
  std::int64_t plan_id = 0;
  std::size_t issues = 0;
  std::vector<Lint> lint;
};

// An issue with what deciding about its progress needs.
struct IssueSchedule {
  std::int64_t id = 0;
  int fiscal_year = 0;
  std::string item_code, question;
  Monitoring monitoring;
  std::vector<std::int64_t> unit_ids;
  std::vector<calendar::Date> due;
};

// What the issue form sends, as typed: the service cleans and checks every field.
struct IssueDraft {
  std::string item_code, indicator_text, question;
  std::string sub_questions;   // one per line
  std::string target_answers;  // "มาก / มากที่สุด"
  std::string responsible_text;
  std::string steps;  // one per line; "3. text" keeps its number
  std::string cadence, deadline_month, monitoring_text, summary, outcome;
  std::vector<std::string> months, unit_ids;
};
IssueDraft draft_of(const StoredIssue& issue);
// A new issue for a framework item, in the item's own words: its code, indicator, question,
// sub-questions, and the answers on the favourable side of its scale as the target.
IssueDraft draft_for_item(const framework::Framework& f, const framework::Item& item);
// The fiscal years a plan may be made for.
constexpr bool plan_year_in_range(int fiscal_year) { return fiscal_year >= 2560 && fiscal_year <= 2700; }

// A version of a plan as an executive approved it for the public.
struct PublicationSummary {
  int version = 0;
  std::int64_t approved_at = 0;
  std::string approver_name, note;
};
struct Publication : PublicationSummary {
  Plan plan;  // as approved
  std::string agency_name;
  std::vector<accounts::Unit> units;  // the responsible units' names as they were
};

class Service {
 public:
  Service(store::Store& store, accounts::Service& accounts, const framework::Catalogue& catalogue)
      : store_(store), accounts_(accounts), catalogue_(catalogue) {}

  // Reads the report, checks it is for `fiscal_year`, and stores it as that year's plan in one
  // transaction (audited). Refuses if the agency already has a plan for the year.
  Result<ImportResult> import_o43(const store::Actor& by, std::int64_t agency_id, int fiscal_year,
                                  std::string_view text);
  const framework::Catalogue& catalogue() const { return catalogue_; }
  // The cited year's framework as the plan was made with it (the version in force if that
  // version is not loaded), or null.
  const framework::Framework* cited_framework(const Plan& p) const;
  // The version of `year`'s framework a plan made now records.
  int version_in_force(int year) const;
  std::optional<Plan> plan(std::int64_t agency_id, int fiscal_year);
  std::vector<PlanSummary> plans(std::int64_t agency_id);
  // The O42 plan or the O43 report of a year as a document model (report.hpp); not_found
  // when the agency has no plan for the year.
  Result<documents::TableReport> report(std::int64_t agency_id, int fiscal_year, ReportKind kind);

  // Editing (editing.cpp) ---------------------------------------------------------------------
  // Admin and staff make a plan for a year; an empty title takes the standard one.
  Result<std::int64_t> create_plan(const http::Principal& by, int fiscal_year, const std::string& title,
                                   const std::string& prepared_by);
  Result<void> update_plan(const http::Principal& by, int fiscal_year, const std::string& title,
                           const std::string& prepared_by);
  // Adds an issue (no id) at the end of the plan or changes one; the first issue of a year
  // with no plan makes the plan (standard title) in the same transaction. The admin edits any issue;
  // staff those of their own units, and keep one of their units on it.
  Result<std::int64_t> save_issue(const http::Principal& by, int fiscal_year, std::optional<std::int64_t> issue_id,
                                  const IssueDraft& draft);
  // Admin only; refused once a progress report was filed against the issue.
  Result<void> delete_issue(const http::Principal& by, std::int64_t issue_id);
  bool may_edit(const http::Principal& p, const std::vector<std::int64_t>& issue_units);

  // Publishing (publish.cpp) -----------------------------------------------------------------
  // An executive approves the plan as it stands: the next public version. Refused when
  // nothing changed since the last one.
  Result<int> approve_plan(const http::Principal& by, int fiscal_year, const std::string& note);
  std::vector<PublicationSummary> publications(std::int64_t agency_id, int fiscal_year);  // newest first
  // A version, or the latest with no version given.
  std::optional<Publication> publication(std::int64_t agency_id, int fiscal_year, std::optional<int> version);
  // The plan differs from its latest approved version (true when never approved).
  bool changed_since_approval(std::int64_t agency_id, int fiscal_year);

  // Progress and review (progress.hpp) -------------------------------------------------------
  Result<IssueSchedule> schedule(std::int64_t agency_id, std::int64_t issue_id);
  std::optional<Progress> progress(std::int64_t agency_id, std::int64_t issue_id, calendar::Date due);
  bool may_file(const http::Principal& p, const IssueSchedule& issue);
  // Files or refiles the report for a due date. `uploads` are added (checked by content, at
  // most kMaxEvidenceFiles in all); `remove_files` names evidence files to take off.
  Result<void> file_progress(const http::Principal& by, std::int64_t issue_id, calendar::Date due, WorkStatus status,
                             const std::string& body, const std::string& links,
                             const std::vector<files::Upload>& uploads = {},
                             const std::vector<std::int64_t>& remove_files = {});
  // An evidence file of a report, with its bytes; not_found for anything else.
  Result<std::pair<files::Ref, std::string>> evidence_file(std::int64_t agency_id, std::int64_t issue_id,
                                                           calendar::Date due, std::int64_t file_id);
  static constexpr std::size_t kMaxEvidenceFiles = 10;
  static constexpr std::size_t kMaxEvidenceBytes = 20 << 20;  // per file
  Result<void> review_progress(const http::Principal& by, std::int64_t issue_id, calendar::Date due, Review decision,
                               const std::string& comment);
  // Every due date of the year's plan and where it stands on `today`.
  std::vector<DueItem> due_items(std::int64_t agency_id, int fiscal_year, calendar::Date today);
  // Reports an executive sent back since `since`, in every agency (the alerts of new work).
  struct Returned {
    std::int64_t agency_id = 0, progress_id = 0, issue_id = 0, reviewed_at = 0;
    std::string item_code;
    calendar::Date due;
    std::vector<std::int64_t> unit_ids;
  };
  std::vector<Returned> returned_since(std::int64_t since);

  // Where the real results of assessments are read (web/results.hpp): set by the module's build.
  using ResultOf = std::function<std::optional<web::RecordedResult>(std::int64_t agency_id, int year)>;
  void set_results(ResultOf of) { result_of_ = std::move(of); }

 private:
  std::optional<std::string> current_snapshot(std::int64_t agency_id, int fiscal_year);
  // The cited year's final result, when one is recorded.
  std::optional<CitedResult> cited_result(std::int64_t agency_id, int cited_year) const;
  Result<StoredIssue> read_draft(std::int64_t agency_id, const Plan& plan, const IssueDraft& d);
  std::vector<std::int64_t> units_named(const Issue& issue, const std::vector<accounts::Unit>& units) const;

  store::Store& store_;
  accounts::Service& accounts_;
  const framework::Catalogue& catalogue_;
  ResultOf result_of_;
};

}  // namespace prongsai::measures
