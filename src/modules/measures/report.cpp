// Building the plan's and the report's document model from a stored plan. Text is as the plan holds it (as
// imported, or as staff wrote it); the wording around it comes from the string catalogue.
#include "modules/measures/report.hpp"

#include "core/strings.hpp"
#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "modules/measures/measures.hpp"

namespace prongsai::measures {
namespace {

std::string s(std::string_view key) { return std::string(Strings::instance().get(Lang::th, key)); }

using text::fill;

documents::Cell issue_cell(const Issue& i) {
  documents::Cell cell;
  if (!i.indicator_text.empty()) cell.push_back(i.indicator_text);
  cell.push_back(s("report.item") + " " + i.item_code + (i.question.empty() ? "" : " " + i.question));
  for (const std::string& q : i.sub_questions) cell.push_back("- " + q);
  if (!i.target_answers.empty()) {
    std::string answers;
    for (const std::string& a : i.target_answers) answers += (answers.empty() ? "" : " / ") + a;
    cell.push_back(s("measures.target") + ": " + answers);
  }
  return cell;
}

std::string responsible(const StoredIssue& issue, const std::vector<accounts::Unit>& units) {
  if (!issue.issue.responsible_text.empty()) return issue.issue.responsible_text;
  std::string names;
  for (std::int64_t id : issue.unit_ids) {
    for (const accounts::Unit& u : units) {
      if (u.id == id) names += (names.empty() ? "" : ", ") + u.name_th;
    }
  }
  return names;
}

documents::Cell monitoring_cell(const Monitoring& m) {
  if (!m.original.empty()) return {m.original};
  if (m.cadence == Cadence::unknown && m.months.empty() && !m.deadline_month) return {};
  std::string when = m.cadence == Cadence::unknown ? "" : s("cadence." + std::string(to_string(m.cadence)));
  for (unsigned month : m.months) when += (when.empty() ? "" : " ") + calendar::month_name(month, Lang::th);
  if (m.deadline_month)
    when += (when.empty() ? "" : " ") + s("measures.within") + calendar::month_name(m.deadline_month, Lang::th);
  return {when};
}

}  // namespace

std::string_view to_string(ReportKind k) { return k == ReportKind::plan ? "plan" : "report"; }

bool parse_report_kind(std::string_view s, ReportKind& out) {
  if (s == "plan" || s == "o42")
    out = ReportKind::plan;
  else if (s == "report" || s == "o43")
    out = ReportKind::report;
  else
    return false;
  return true;
}

std::string_view role_of(ReportKind k) {
  return k == ReportKind::plan ? framework::role::measures_plan : framework::role::measures_report;
}

std::string evidence_items(const framework::Catalogue& catalogue, int fiscal_year, ReportKind kind) {
  std::string out;
  for (const framework::Catalogue::RoleUse& use : catalogue.uses_of(role_of(kind), fiscal_year)) {
    out += (out.empty() ? "" : ", ") +
           (use.assessment_year == fiscal_year ? "" : "ITA " + std::to_string(use.assessment_year) + " ") +
           use.item->code;
  }
  return out;
}

std::string document_name(Lang lang, const framework::Catalogue& catalogue, int fiscal_year, ReportKind kind) {
  std::string name(Strings::instance().get(lang, "report." + std::string(to_string(kind)) + ".name"));
  std::string items = evidence_items(catalogue, fiscal_year, kind);
  return items.empty() ? name : name + " (" + items + ")";
}

documents::TableReport report_model(const Plan& plan, const std::string& agency_name,
                                    const std::vector<accounts::Unit>& units, ReportKind kind) {
  const std::string k(to_string(kind));
  const std::string year = std::to_string(plan.fiscal_year);
  documents::TableReport r;
  r.lang = "th";
  r.author = agency_name;
  for (const char* line : {".heading1", ".heading2"}) {
    std::string text = s("report." + k + line);
    if (!text.empty()) r.heading.push_back(text);
  }
  r.heading.push_back(s("report.fiscal_year") + " " + year);
  r.title = fill(s("report." + k + ".title"), "year", year);
  r.cover.push_back(s("measures.prepared_by"));
  if (!plan.prepared_by.empty()) r.cover.push_back(plan.prepared_by);
  r.cover.push_back(agency_name);
  // A plan made from a recorded final result says what it was, as agencies write it.
  const bool with_result = kind == ReportKind::plan && plan.cited_result;
  r.intro = fill(
      fill(fill(s("report." + k + (with_result ? ".intro_result" : ".intro")), "agency", agency_name), "year", year),
      "cited", std::to_string(plan.cited_year));
  if (with_result)
    r.intro = fill(fill(r.intro, "total", text::fixed(plan.cited_result->total, 2)), "level", plan.cited_result->level);
  r.page_label = s("report.page");
  r.columns = {{s("report.col_issue"), 1.55, true},
               {s("measures.responsible"), 1.05, true},
               {s("measures.steps"), 2.2, true},
               {s("report.col_monitoring"), 1.3, false}};
  if (kind == ReportKind::report) {
    r.columns.push_back({s("measures.summary"), 1.9, false});
    r.columns.push_back({s("measures.outcome"), 1.3, false});
  }
  for (const StoredIssue& stored : plan.issues) {
    const Issue& i = stored.issue;
    documents::Cell steps;
    for (const Step& st : i.steps) steps.push_back(st.number ? std::to_string(st.number) + "." + st.text : st.text);
    std::vector<documents::Cell> row = {
        issue_cell(i), {responsible(stored, units)}, steps, monitoring_cell(i.monitoring)};
    if (kind == ReportKind::report) {
      row.push_back(i.summary.empty() ? documents::Cell{} : documents::Cell{i.summary});
      row.push_back(i.outcome.empty() ? documents::Cell{} : documents::Cell{i.outcome});
    }
    r.rows.push_back(std::move(row));
  }
  return r;
}

std::string report_file_name(ReportKind kind, int fiscal_year, documents::Format format) {
  return std::string(to_string(kind)) + "-" + std::to_string(fiscal_year) + "." +
         std::string(documents::extension(format));
}

}  // namespace prongsai::measures
