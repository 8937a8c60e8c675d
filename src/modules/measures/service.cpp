// Storing and reading plans. One import is one transaction: the plan, its issues, steps and
// unit links, each change with its audit row.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "modules/measures/measures.hpp"
#include "modules/measures/queries.hpp"

namespace prongsai::measures {
namespace {

using nlohmann::json;

std::vector<std::string> strings_of(const std::string& json_text) {
  std::vector<std::string> out;
  for (const auto& v : json::parse(json_text)) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

std::vector<std::int64_t> Service::units_named(const Issue& issue, const std::vector<accounts::Unit>& units) const {
  std::vector<std::int64_t> out;
  std::string written = text::without_spaces(issue.responsible_text);
  for (const accounts::Unit& u : units) {
    if (!u.active) continue;
    std::string name = text::without_spaces(u.name_th);
    // "สำนักปลัด" is written "สำนักงานปลัด" too.
    bool named = written.find(name) != std::string::npos ||
                 (name == "สำนักปลัด" && written.find("สำนักงานปลัด") != std::string::npos);
    if (issue.all_units || named) out.push_back(u.id);
  }
  return out;
}

Result<ImportResult> Service::import_o43(const store::Actor& by, std::int64_t agency_id, int fiscal_year,
                                         std::string_view text) {
  auto parsed = parse_o43(text, catalogue_.year(fiscal_year - 1));
  if (!parsed) return fail(parsed.error());
  if (parsed->fiscal_year != fiscal_year) {
    return fail(Error::make(
        ErrorKind::invalid, "error.import_year_mismatch",
        "the report is for " + std::to_string(parsed->fiscal_year) + ", not " + std::to_string(fiscal_year)));
  }
  std::vector<accounts::Unit> units = accounts_.units(agency_id);
  auto result = store_.write(by, [&](store::WriteTx& tx) -> Result<ImportResult> {
    if (tx.query_one(q::kSelectPlanId, {agency_id, std::int64_t{fiscal_year}})) {
      return fail(Error::make(ErrorKind::conflict, "error.plan_exists", "a plan for this year exists"));
    }
    ImportResult out;
    out.plan_id = tx.apply(store::Change::create(agency_id, "measure_plan",
                                                 {{"fiscal_year", fiscal_year},
                                                  {"title", parsed->title},
                                                  {"source", "import"},
                                                  {"issues", parsed->issues.size()}}),
                           q::kInsertPlan,
                           {agency_id, std::int64_t{fiscal_year}, std::int64_t{fiscal_year - 1}, parsed->title,
                            parsed->prepared_by, parsed->agency_name, std::string("import"), tx.now(),
                            std::int64_t{version_in_force(fiscal_year - 1)}})
                      .at(0)
                      .integer("id");
    for (const Issue& issue : parsed->issues) {
      json months = issue.monitoring.months;
      std::int64_t issue_id =
          tx.apply(store::Change::create(
                       agency_id, "measure_issue",
                       {{"plan_id", out.plan_id}, {"item_code", issue.item_code}, {"steps", issue.steps.size()}}),
                   q::kInsertIssue,
                   {agency_id, out.plan_id, std::int64_t{issue.position}, issue.item_code, issue.indicator_text,
                    issue.question, json(issue.sub_questions).dump(), json(issue.target_answers).dump(),
                    issue.responsible_text, std::int64_t{issue.all_units ? 1 : 0},
                    std::string(to_string(issue.monitoring.cadence)), months.dump(),
                    std::int64_t{issue.monitoring.deadline_month}, issue.monitoring.original, issue.summary,
                    issue.outcome})
              .at(0)
              .integer("id");
      for (std::int64_t unit : units_named(issue, units)) tx.also(q::kInsertIssueUnit, {agency_id, issue_id, unit});
      for (std::size_t k = 0; k < issue.steps.size(); ++k) {
        tx.also(q::kInsertStep, {agency_id, issue_id, static_cast<std::int64_t>(k + 1),
                                 std::int64_t{issue.steps[k].number}, issue.steps[k].text});
      }
    }
    out.issues = parsed->issues.size();
    out.lint = parsed->lint;
    return out;
  });
  return result;
}

std::vector<PlanSummary> Service::plans(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<PlanSummary> out;
    for (const auto& r : tx.query(q::kSelectPlans, {agency_id})) {
      out.push_back({static_cast<int>(r.integer("fiscal_year")), r.text("title"), r.integer("issues")});
    }
    return out;
  });
}

const framework::Framework* Service::cited_framework(const Plan& p) const {
  return catalogue_.made_with(p.cited_year, p.framework_version);
}

int Service::version_in_force(int year) const {
  const framework::Framework* f = catalogue_.year(year);
  return f ? f->version : 0;
}

std::optional<Plan> Service::plan(std::int64_t agency_id, int fiscal_year) {
  return store_.read([&](store::ReadTx& tx) -> std::optional<Plan> {
    auto row = tx.query_one(q::kSelectPlan, {agency_id, std::int64_t{fiscal_year}});
    if (!row) return std::nullopt;
    Plan p{row->integer("id"),
           static_cast<int>(row->integer("fiscal_year")),
           static_cast<int>(row->integer("cited_year")),
           row->text("title"),
           row->text("prepared_by"),
           row->text("agency_name_as_written"),
           row->text("source"),
           row->integer("created_at"),
           {},
           static_cast<int>(row->integer("framework_version"))};
    for (const auto& r : tx.query(q::kSelectIssues, {agency_id, p.id})) {
      StoredIssue s;
      s.id = r.integer("id");
      Issue& i = s.issue;
      i.position = static_cast<int>(r.integer("position"));
      i.item_code = r.text("item_code");
      i.indicator_text = r.text("indicator_text");
      i.question = r.text("question");
      i.sub_questions = strings_of(r.text("sub_questions_json"));
      i.target_answers = strings_of(r.text("target_answers_json"));
      i.responsible_text = r.text("responsible_text");
      i.all_units = r.integer("all_units") != 0;
      i.monitoring.cadence = parse_cadence(r.text("cadence"));
      for (const auto& m : json::parse(r.text("cadence_months_json"))) i.monitoring.months.push_back(m.get<unsigned>());
      i.monitoring.deadline_month = static_cast<unsigned>(r.integer("deadline_month"));
      i.monitoring.original = r.text("monitoring_text");
      i.summary = r.text("summary");
      i.outcome = r.text("outcome");
      p.issues.push_back(std::move(s));
    }
    auto find = [&](std::int64_t id) -> StoredIssue* {
      for (auto& s : p.issues) {
        if (s.id == id) return &s;
      }
      return nullptr;
    };
    for (const auto& r : tx.query(q::kSelectSteps, {agency_id, p.id})) {
      if (auto* s = find(r.integer("issue_id")))
        s->issue.steps.push_back({static_cast<int>(r.integer("number")), r.text("text")});
    }
    for (const auto& r : tx.query(q::kSelectIssueUnits, {agency_id, p.id})) {
      if (auto* s = find(r.integer("issue_id"))) s->unit_ids.push_back(r.integer("unit_id"));
    }
    return p;
  });
}

std::optional<CitedResult> Service::cited_result(std::int64_t agency_id, int cited_year) const {
  if (!result_of_) return std::nullopt;
  auto r = result_of_(agency_id, cited_year);
  // Only the final result: a plan is not made from preliminary scores.
  if (!r || !r->final || !r->total) return std::nullopt;
  return CitedResult{*r->total, r->level};
}

Result<documents::TableReport> Service::report(std::int64_t agency_id, int fiscal_year, ReportKind kind) {
  auto p = plan(agency_id, fiscal_year);
  if (!p) return fail(Error::not_found("plan"));
  p->cited_result = cited_result(agency_id, p->cited_year);
  auto agency = accounts_.agency(agency_id);
  if (!agency) return fail(agency.error());
  return report_model(*p, agency->name_th, accounts_.units(agency_id), kind);
}

}  // namespace prongsai::measures
