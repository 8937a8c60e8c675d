// Making and changing plans in the UI: a new plan for a year, its title block, and its issues
// with steps, units and monitoring rule. Every field is cleaned (UTF-8, NFC, Thai marks) and
// bounded here; the handler passes the form as typed.
#include <nlohmann/json.hpp>
#include <regex>

#include "core/text.hpp"
#include "modules/measures/issue_json.hpp"
#include "modules/measures/measures.hpp"
#include "modules/measures/queries.hpp"

namespace prongsai::measures {
namespace {

using nlohmann::json;
constexpr std::size_t kMaxLineChars = 1000;
constexpr std::size_t kMaxTextChars = 10000;
constexpr std::size_t kMaxSteps = 50;

Error bad(const char* field, const std::string& key) { return Error::invalid_field(field, key); }

Result<std::string> field(const std::string& raw, const char* name, text::Lines lines, std::size_t max_chars,
                          bool required) {
  return text::form_field(name, raw, max_chars, required, lines);
}

// Non-empty trimmed lines of a text area.
std::vector<std::string> lines_of(const std::string& cleaned) {
  std::vector<std::string> out;
  for (std::string_view l : text::split(cleaned, '\n')) {
    std::string_view t = text::trim(l);
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

json audit_view(const Issue& i, const std::vector<std::int64_t>& units) {
  json v = issue_json(i);
  v["units"] = units;
  return v;
}

}  // namespace

IssueDraft draft_of(const StoredIssue& s) {
  const Issue& i = s.issue;
  IssueDraft d;
  d.item_code = i.item_code;
  d.indicator_text = i.indicator_text;
  d.question = i.question;
  for (const std::string& q : i.sub_questions) d.sub_questions += (d.sub_questions.empty() ? "" : "\n") + q;
  for (const std::string& a : i.target_answers) d.target_answers += (d.target_answers.empty() ? "" : " / ") + a;
  d.responsible_text = i.responsible_text;
  for (const Step& st : i.steps) {
    d.steps += (d.steps.empty() ? "" : "\n") + (st.number ? std::to_string(st.number) + ". " : "") + st.text;
  }
  d.cadence = std::string(to_string(i.monitoring.cadence));
  for (unsigned m : i.monitoring.months) d.months.push_back(std::to_string(m));
  d.deadline_month = std::to_string(i.monitoring.deadline_month);
  d.monitoring_text = i.monitoring.original;
  d.summary = i.summary;
  d.outcome = i.outcome;
  for (std::int64_t u : s.unit_ids) d.unit_ids.push_back(std::to_string(u));
  return d;
}

IssueDraft draft_for_item(const framework::Framework& f, const framework::Item& item) {
  IssueDraft d;
  d.item_code = item.code;
  if (const framework::Indicator* ind = f.indicator(item.indicator))
    d.indicator_text = std::string(Strings::instance().get(Lang::th, "framework.indicator")) + " " +
                       std::to_string(ind->number) + " " + ind->name_th;
  d.question = std::string(item.title_th());
  for (const framework::SubQuestion& q : item.sub_questions)
    d.sub_questions += (d.sub_questions.empty() ? "" : "\n") + q.text_th;
  // The answers on the favourable side of the item's scale: มาก / มากที่สุด, or มี; on a negative
  // item, the low end (น้อย / น้อยที่สุดหรือไม่มีเลย, or ไม่มี).
  if (auto scale = f.answer_scales.find(item.scale); scale != f.answer_scales.end()) {
    for (const framework::ScaleOption& o : scale->second.options) {
      auto score = f.answer_score(scale->second, item.polarity, o.value);
      if (score && *score >= 50) d.target_answers += (d.target_answers.empty() ? "" : " / ") + o.label_th;
    }
  }
  d.cadence = "quarterly";
  return d;
}

Result<StoredIssue> Service::read_draft(std::int64_t agency_id, const Plan& plan, const IssueDraft& d) {
  StoredIssue out;
  Issue& i = out.issue;
  auto code = field(d.item_code, "item_code", text::Lines::single, 10, true);
  if (!code) return fail(code.error());
  i.item_code = text::ascii_upper(*code);
  static const std::regex kCode("[OEI][0-9]{1,2}");
  if (!std::regex_match(i.item_code, kCode)) return fail(bad("item_code", "error.item_code"));
  const framework::Framework* fw = cited_framework(plan);
  const framework::Item* item = fw ? fw->item(i.item_code) : nullptr;
  if (fw && !item) return fail(bad("item_code", "error.item_code"));

  auto get = [&](const std::string& raw, const char* name, text::Lines lines, std::size_t max,
                 std::string& into) -> std::optional<Error> {
    auto v = field(raw, name, lines, max, false);
    if (!v) return v.error();
    into = std::move(*v);
    return std::nullopt;
  };
  std::string sub_questions, answers, steps;
  for (auto e : {get(d.indicator_text, "indicator_text", text::Lines::single, kMaxLineChars, i.indicator_text),
                 get(d.question, "question", text::Lines::multiple, kMaxLineChars, i.question),
                 get(d.sub_questions, "sub_questions", text::Lines::multiple, kMaxTextChars, sub_questions),
                 get(d.target_answers, "target_answers", text::Lines::single, kMaxLineChars, answers),
                 get(d.responsible_text, "responsible_text", text::Lines::multiple, kMaxLineChars, i.responsible_text),
                 get(d.steps, "steps", text::Lines::multiple, kMaxTextChars * 2, steps),
                 get(d.monitoring_text, "monitoring_text", text::Lines::multiple, kMaxTextChars, i.monitoring.original),
                 get(d.summary, "summary", text::Lines::multiple, kMaxTextChars, i.summary),
                 get(d.outcome, "outcome", text::Lines::multiple, kMaxTextChars, i.outcome)}) {
    if (e) return fail(*e);
  }
  // The framework's own wording when the officer leaves the question empty.
  if (i.question.empty() && item) i.question = std::string(item->title_th());
  i.sub_questions = lines_of(sub_questions);
  for (std::string_view a : text::split(answers, '/')) {
    std::string_view t = text::trim(a);
    if (!t.empty()) i.target_answers.emplace_back(t);
  }

  // "1. text" keeps its number; an unnumbered line takes the next one.
  static const std::regex kNumbered(R"(^([0-9]{1,3})\s*[.)]\s*(.*)$)");
  int next = 1;
  for (const std::string& line : lines_of(steps)) {
    std::smatch m;
    Step s;
    if (std::regex_match(line, m, kNumbered) && !m[2].str().empty()) {
      s.number = std::stoi(m[1]);
      s.text = m[2];
    } else {
      s.number = next;
      s.text = line;
    }
    next = s.number + 1;
    i.steps.push_back(std::move(s));
  }
  if (i.steps.empty()) return fail(bad("steps", "error.required"));
  if (i.steps.size() > kMaxSteps) return fail(bad("steps", "error.too_many"));

  i.monitoring.cadence = parse_cadence(d.cadence);
  if (to_string(i.monitoring.cadence) != d.cadence && !d.cadence.empty()) return fail(bad("cadence", "error.choice"));
  for (const std::string& m : d.months) {
    unsigned month = 0;
    try {
      month = static_cast<unsigned>(std::stoul(m));
    } catch (const std::exception&) {
    }
    if (month < 1 || month > 12) return fail(bad("months", "error.choice"));
    if (std::find(i.monitoring.months.begin(), i.monitoring.months.end(), month) == i.monitoring.months.end())
      i.monitoring.months.push_back(month);
  }
  // In fiscal-year order: October first.
  std::sort(i.monitoring.months.begin(), i.monitoring.months.end(),
            [](unsigned a, unsigned b) { return (a + 2) % 12 < (b + 2) % 12; });
  if (!d.deadline_month.empty() && d.deadline_month != "0") {
    unsigned month = 0;
    try {
      month = static_cast<unsigned>(std::stoul(d.deadline_month));
    } catch (const std::exception&) {
    }
    if (month < 1 || month > 12) return fail(bad("deadline_month", "error.choice"));
    i.monitoring.deadline_month = month;
  }

  std::vector<accounts::Unit> units = accounts_.units(agency_id);
  for (const std::string& raw : d.unit_ids) {
    auto it = std::find_if(units.begin(), units.end(),
                           [&](const accounts::Unit& u) { return u.active && std::to_string(u.id) == raw; });
    if (it == units.end()) return fail(bad("units", "error.choice"));
    if (std::find(out.unit_ids.begin(), out.unit_ids.end(), it->id) == out.unit_ids.end())
      out.unit_ids.push_back(it->id);
  }
  if (out.unit_ids.empty() && i.responsible_text.empty()) return fail(bad("units", "error.required"));
  return out;
}

// The title a plan takes when the officer gives none: "มาตรการส่งเสริมคุณธรรม... ประจำปีงบประมาณ 2568".
std::string standard_title(int fiscal_year) {
  return std::string(Strings::instance().get(Lang::th, "report.plan.heading1")) + " " +
         std::string(Strings::instance().get(Lang::th, "report.fiscal_year")) + " " + std::to_string(fiscal_year);
}

// Inserts the year's plan (audited) in the caller's transaction; the caller has checked there is none.
std::int64_t insert_plan(store::WriteTx& tx, std::int64_t agency_id, int fiscal_year, const std::string& title,
                         const std::string& prepared_by, int framework_version) {
  return tx
      .apply(store::Change::create(agency_id, "measure_plan",
                                   {{"fiscal_year", fiscal_year}, {"title", title}, {"source", "manual"}}),
             q::kInsertPlan,
             {agency_id, std::int64_t{fiscal_year}, std::int64_t{fiscal_year - 1}, title, prepared_by, std::string(),
              std::string("manual"), tx.now(), std::int64_t{framework_version}})
      .at(0)
      .integer("id");
}

Result<std::int64_t> Service::create_plan(const http::Principal& by, int fiscal_year, const std::string& raw_title,
                                          const std::string& raw_prepared_by) {
  if (!plan_year_in_range(fiscal_year)) return fail(bad("year", "error.year"));
  auto title = field(raw_title, "title", text::Lines::single, kMaxLineChars, false);
  if (!title) return fail(title.error());
  auto prepared = field(raw_prepared_by, "prepared_by", text::Lines::single, kMaxLineChars, false);
  if (!prepared) return fail(prepared.error());
  std::string t = title->empty() ? standard_title(fiscal_year) : *title;
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<std::int64_t> {
    if (tx.query_one(q::kSelectPlanId, {by.agency_id, std::int64_t{fiscal_year}})) {
      return fail(Error::make(ErrorKind::conflict, "error.plan_exists", "a plan for this year exists"));
    }
    return insert_plan(tx, by.agency_id, fiscal_year, t, *prepared, version_in_force(fiscal_year - 1));
  });
}

Result<void> Service::update_plan(const http::Principal& by, int fiscal_year, const std::string& raw_title,
                                  const std::string& raw_prepared_by) {
  auto title = field(raw_title, "title", text::Lines::single, kMaxLineChars, true);
  if (!title) return fail(title.error());
  auto prepared = field(raw_prepared_by, "prepared_by", text::Lines::single, kMaxLineChars, false);
  if (!prepared) return fail(prepared.error());
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    auto row = tx.query_one(q::kSelectPlan, {by.agency_id, std::int64_t{fiscal_year}});
    if (!row) return fail(Error::not_found("plan"));
    tx.apply(store::Change::update(by.agency_id, "measure_plan", row->integer("id"),
                                   {{"title", row->text("title")}, {"prepared_by", row->text("prepared_by")}},
                                   {{"title", *title}, {"prepared_by", *prepared}}),
             q::kUpdatePlan, {*title, *prepared, by.agency_id, row->integer("id")});
    return {};
  });
}

bool Service::may_edit(const http::Principal& p, const std::vector<std::int64_t>& issue_units) {
  IssueSchedule s;
  s.unit_ids = issue_units;
  return may_file(p, s);
}

Result<std::int64_t> Service::save_issue(const http::Principal& by, int fiscal_year,
                                         std::optional<std::int64_t> issue_id, const IssueDraft& draft) {
  auto existing = plan(by.agency_id, fiscal_year);
  // The year's first issue makes its plan, with the standard title, in the same transaction.
  const bool new_plan = !existing && !issue_id;
  if (new_plan) {
    if (!plan_year_in_range(fiscal_year)) return fail(Error::not_found("plan"));
    existing = Plan{};
    existing->fiscal_year = fiscal_year;
    existing->cited_year = fiscal_year - 1;
    existing->framework_version = version_in_force(fiscal_year - 1);
  }
  if (!existing) return fail(Error::not_found("plan"));
  const StoredIssue* current = nullptr;
  if (issue_id) {
    for (const StoredIssue& s : existing->issues) {
      if (s.id == *issue_id) current = &s;
    }
    if (!current) return fail(Error::not_found("issue"));
    if (!may_edit(by, current->unit_ids))
      return fail(Error::make(ErrorKind::forbidden, "error.not_responsible", "not in a responsible unit"));
  }
  auto parsed = read_draft(by.agency_id, *existing, draft);
  if (!parsed) return fail(parsed.error());
  Issue& i = parsed->issue;
  i.position =
      current ? current->issue.position : (existing->issues.empty() ? 1 : existing->issues.back().issue.position + 1);
  // An officer who is not the admin keeps at least one unit of their own on the issue.
  if (!may_edit(by, parsed->unit_ids))
    return fail(Error::make(ErrorKind::forbidden, "error.not_responsible", "not in a responsible unit"));
  const std::int64_t agency = by.agency_id;
  json months = i.monitoring.months;
  store::Params values = {i.item_code,
                          i.indicator_text,
                          i.question,
                          json(i.sub_questions).dump(),
                          json(i.target_answers).dump(),
                          i.responsible_text,
                          std::int64_t{0},
                          std::string(to_string(i.monitoring.cadence)),
                          months.dump(),
                          std::int64_t{i.monitoring.deadline_month},
                          i.monitoring.original,
                          i.summary,
                          i.outcome};
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<std::int64_t> {
    std::int64_t id = 0;
    if (new_plan) {
      if (tx.query_one(q::kSelectPlanId, {agency, std::int64_t{fiscal_year}}))
        return fail(Error::make(ErrorKind::conflict, "error.plan_exists", "a plan for this year exists"));
      existing->id =
          insert_plan(tx, agency, fiscal_year, standard_title(fiscal_year), "", version_in_force(fiscal_year - 1));
    }
    if (current) {
      id = current->id;
      store::Params params = values;
      params.push_back(agency);
      params.push_back(id);
      tx.apply(store::Change::update(agency, "measure_issue", id, audit_view(current->issue, current->unit_ids),
                                     audit_view(i, parsed->unit_ids)),
               q::kUpdateIssue, params);
      tx.also(q::kDeleteIssueSteps, {agency, id});
      tx.also(q::kDeleteIssueUnits, {agency, id});
    } else {
      store::Params params = {agency, existing->id, std::int64_t{i.position}};
      params.insert(params.end(), values.begin(), values.end());
      id = tx.apply(store::Change::create(agency, "measure_issue", audit_view(i, parsed->unit_ids)), q::kInsertIssue,
                    params)
               .at(0)
               .integer("id");
    }
    for (std::int64_t unit : parsed->unit_ids) tx.also(q::kInsertIssueUnit, {agency, id, unit});
    for (std::size_t k = 0; k < i.steps.size(); ++k) {
      tx.also(q::kInsertStep,
              {agency, id, static_cast<std::int64_t>(k + 1), std::int64_t{i.steps[k].number}, i.steps[k].text});
    }
    return id;
  });
}

Result<void> Service::delete_issue(const http::Principal& by, std::int64_t issue_id) {
  auto issue = schedule(by.agency_id, issue_id);
  if (!issue) return fail(issue.error());
  if (auto r = accounts::admin_only(by, "only the admin deletes an issue"); !r) return fail(r.error());
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    if (tx.count(q::kCountIssueProgress, {by.agency_id, issue_id}) > 0) {
      return fail(Error::make(ErrorKind::conflict, "error.issue_has_reports", "progress reports exist"));
    }
    tx.apply(store::Change::remove(by.agency_id, "measure_issue", issue_id,
                                   {{"item_code", issue->item_code}, {"question", issue->question}}),
             q::kDeleteIssueSteps, {by.agency_id, issue_id});
    tx.also(q::kDeleteIssueUnits, {by.agency_id, issue_id});
    tx.also(q::kDeleteIssue, {by.agency_id, issue_id});
    return {};
  });
}

}  // namespace prongsai::measures
