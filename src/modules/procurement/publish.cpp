// The published monthly summaries. See publish.hpp.
#include "modules/procurement/publish.hpp"

#include <array>
#include <map>
#include <numeric>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "documents/table_report.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/procurement/queries.hpp"
#include "modules/procurement/summary.hpp"

namespace prongsai::procurement {
namespace {

constexpr std::size_t kMaxNote = 1000, kMaxText = 5000, kMaxPlanLines = 300;

const files::Kind kKinds[] = {
    {"application/pdf", "pdf", true},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", false},
    {"text/csv; charset=utf-8", "csv", false},
};

// "สขร1-ตุลาคม-2569": what the officer and the public save a month's files as.
std::string month_file_name(int fiscal_year, int index) {
  calendar::Period days = calendar::FiscalYear(fiscal_year).month(index);
  return "สขร1-" + calendar::month_name(static_cast<unsigned>(days.first.month()), Lang::th) + "-" +
         std::to_string(calendar::be_year(days.first));
}
std::string year_file_name(int fiscal_year) { return "รายงานผลการจัดซื้อจัดจ้าง-" + std::to_string(fiscal_year); }
std::string plan_file_name(int fiscal_year) { return "แผนการจัดซื้อจัดจ้าง-" + std::to_string(fiscal_year); }

// A document in every published format (kKinds' order), made before the write transaction: a
// PDF takes tens of milliseconds, a write lock none of them.
using Rendered = std::array<std::string, std::size(kKinds)>;
Rendered render_all(const documents::TableReport& model) {
  return {documents::render_pdf(model), documents::render_xlsx(model), documents::render_csv(model)};
}
// Their hashes and sizes, as the row's columns (appended to `params`) and for its audit record.
nlohmann::json file_columns(const Rendered& rendered, store::Params& params) {
  nlohmann::json audit = nlohmann::json::object();
  for (std::size_t i = 0; i < rendered.size(); ++i) {
    const std::string sha = crypto::sha256_hex(rendered[i]);
    params.push_back(sha);
    params.push_back(static_cast<std::int64_t>(rendered[i].size()));
    audit[std::string(kKinds[i].extension)] = sha;
  }
  return audit;
}
// The bytes stored, after the row's change was recorded.
std::vector<files::Ref> put_files(store::WriteTx& tx, std::int64_t agency_id, const std::string& name,
                                  const Rendered& rendered) {
  std::vector<files::Ref> out;
  for (std::size_t i = 0; i < rendered.size(); ++i)
    out.push_back(files::put(tx, agency_id, name + "." + std::string(kKinds[i].extension), rendered[i], kKinds[i]));
  return out;
}
// The version a publication is: the first, or the next after `latest` when what it holds
// changed since, and then with the reason it is corrected. `what` is the field a refusal names.
Result<int> next_version(const std::optional<store::Row>& latest, const std::string& content, const std::string& note,
                         const char* what) {
  if (!latest) return 1;
  if (latest->text("content") == content)
    return fail(Error::invalid_field(what, "procurement.error.published_unchanged"));
  if (note.empty()) return fail(Error::invalid_field("note", "procurement.error.note_needed"));
  return static_cast<int>(latest->integer("version")) + 1;
}

// A publication's row written (its leading columns in `params`, then its files' hashes and
// sizes, the note, who and when), audited as `audit` with its files, and the files stored.
// What a published file says (the register's rows, the officer's texts), scanned for personal
// data before it goes out: a vendor's phone in a reason, an ID number typed into a name. Found
// and not confirmed: the refusal that lists it; confirmed: the audit keeps what was (masked).
std::optional<Error> personal_data_held(const std::string& what, const std::string& content, const files::Allowed& own,
                                        bool confirmed, Lang lang, nlohmann::json& audit) {
  const files::PublishCheck found = files::check_publishing({{what, content}}, {}, own);
  if (found.clear()) return std::nullopt;
  if (!confirmed) return files::personal_data_error(found, lang);
  audit["personal_data_confirmed"] = found.audit();
  return std::nullopt;
}

// `audit` with `more`'s keys added.
nlohmann::json with(nlohmann::json audit, const nlohmann::json& more) {
  audit.update(more);
  return audit;
}

std::vector<files::Ref> record(store::WriteTx& tx, const http::Principal& by, std::string_view entity,
                               std::string_view insert, store::Params params, nlohmann::json audit,
                               const std::string& note, const std::string& name, const Rendered& rendered) {
  audit["files"] = file_columns(rendered, params);
  audit["note"] = note;
  params.push_back(note);
  params.push_back(by.user_id);
  params.push_back(tx.now());
  tx.apply(store::Change::create(by.agency_id, std::string(entity), std::move(audit)), insert, params);
  return put_files(tx, by.agency_id, name, rendered);
}

// A published row's files.
std::vector<files::Ref> refs_of(const store::Row& r, const std::string& name) {
  std::vector<files::Ref> out;
  for (const files::Kind& k : kKinds) {
    const std::string ext(k.extension);
    out.push_back({r.text(ext + "_sha256"), name + "." + ext, std::string(k.content_type), r.integer(ext + "_size")});
  }
  return out;
}

// The columns every table of publications has.
void read_publication(const store::Row& r, Publication& p) {
  p.fiscal_year = static_cast<int>(r.integer("fiscal_year"));
  p.version = static_cast<int>(r.integer("version"));
  p.content = r.text("content");
  p.note = r.text("note");
  p.published_at = r.integer("published_at");
}

PublishedMonth published_from(const store::Row& r) {
  PublishedMonth m;
  read_publication(r, m);
  m.month = r.text("month");
  m.projects = r.integer("projects");
  m.agreed = r.integer("agreed");
  m.files = refs_of(r, month_file_name(m.fiscal_year, month_index(m.fiscal_year, m.month).value_or(1)));
  return m;
}

PublishedYear published_year_from(const store::Row& r) {
  PublishedYear y;
  read_publication(r, y);
  y.texts = {r.text("analysis"), r.text("problems"), r.text("suggestions")};
  y.projects = r.integer("projects");
  y.agreed = r.integer("agreed");
  y.files = refs_of(r, year_file_name(y.fiscal_year));
  return y;
}

// The plan's table: what a published plan is compared by.
std::string plan_content(const std::vector<PlanRow>& rows, int fiscal_year) {
  std::vector<PlanLine> lines;
  for (const PlanRow& r : rows) lines.push_back(r.line);
  return crypto::sha256_hex(
      documents::render_csv(purchase_plan(lines, fiscal_year, "", Lang::th, calendar::make_date(2000, 1, 1))));
}

PublishedPlan published_plan_from(const store::Row& r) {
  PublishedPlan p;
  read_publication(r, p);
  p.lines = r.integer("lines");
  p.budget = r.integer("budget");
  p.files = refs_of(r, plan_file_name(p.fiscal_year));
  return p;
}

nlohmann::json audit_of(const std::vector<PlanRow>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const PlanRow& r : rows)
    out.push_back({{"name", r.line.name},
                   {"budget", r.line.budget ? nlohmann::json(*r.line.budget) : nlohmann::json()},
                   {"budget_source", r.line.budget_source},
                   {"method", r.line.method},
                   {"expected_month", r.line.expected_month},
                   {"unit_id", r.unit_id ? nlohmann::json(*r.unit_id) : nlohmann::json()},
                   {"note", r.line.note}});
  return out;
}

// The year's figures and texts: what its report is compared by.
std::string year_content(const std::vector<Project>& year, int fiscal_year, const AnnualTexts& texts) {
  documents::TableReport model = annual_report(year, fiscal_year, "", texts, Lang::th, calendar::make_date(2000, 1, 1));
  return crypto::sha256_hex(documents::render_csv(model) + "\n" + texts.analysis + "\n" + texts.problems + "\n" +
                            texts.suggestions);
}

// The month's purchases and the SHA-256 of its table: what a publication is compared by.
struct MonthContent {
  std::vector<Project> projects;
  std::string content;
};
MonthContent content_of(const std::vector<Project>& year, int fiscal_year, int index) {
  MonthContent c{of_month(year, fiscal_year, index), {}};
  // The table alone: neither the day it was made nor the agency's name is in it.
  c.content = crypto::sha256_hex(documents::render_csv(
      monthly_summary(c.projects, fiscal_year, index, "", Lang::th, calendar::make_date(2000, 1, 1))));
  return c;
}

}  // namespace

std::string_view to_string(MonthState s) {
  switch (s) {
    case MonthState::not_over: return "not_over";
    case MonthState::due: return "due";
    case MonthState::overdue: return "overdue";
    case MonthState::published: return "published";
    case MonthState::changed: return "changed";
  }
  return "not_over";
}

std::string_view to_string(YearState s) {
  switch (s) {
    case YearState::not_over: return "not_over";
    case YearState::due: return "due";
    case YearState::published: return "published";
    case YearState::changed: return "changed";
  }
  return "not_over";
}

std::string month_key(int fiscal_year, int index) {
  return calendar::iso(calendar::FiscalYear(fiscal_year).month(index).first).substr(0, 7);
}

std::optional<int> month_index(int fiscal_year, std::string_view month) {
  for (int i = 1; i <= 12; ++i)
    if (month_key(fiscal_year, i) == month) return i;
  return std::nullopt;
}

int Summaries::due_day(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) {
    auto row = tx.query_one(q::kDueDay, {agency_id});
    return row ? static_cast<int>(row->integer("due_day")) : kDefaultDueDay;
  });
}

Result<void> Summaries::set_due_day(const http::Principal& by, int day) {
  if (auto r = accounts::admin_only(by, "only the admin sets when summaries are due"); !r) return fail(r.error());
  if (day < 1 || day > 28) return fail(Error::invalid_field("due_day", "procurement.error.due_day"));
  int before = due_day(by.agency_id);
  if (before == day) return ok();
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change{by.agency_id,
                           "procurement_settings",
                           std::to_string(by.agency_id),
                           "update",
                           {{"due_day", before}},
                           {{"due_day", day}}},
             q::kSetDueDay, {by.agency_id, std::int64_t{day}});
    return ok();
  });
}

calendar::Date Summaries::due_on(int fiscal_year, int index, int due_day) {
  calendar::Date next = calendar::add_days(calendar::FiscalYear(fiscal_year).month(index).last, 1);
  return calendar::make_date(static_cast<int>(next.year()), static_cast<unsigned>(next.month()),
                             static_cast<unsigned>(due_day));
}

std::vector<int> Summaries::years(std::int64_t agency_id) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<int> out;
    for (const auto& r : tx.query(q::kPublishedYears, {agency_id, agency_id, agency_id}))
      out.push_back(static_cast<int>(r.integer("fiscal_year")));
    return out;
  });
}

std::vector<PublishedMonth> Summaries::published(std::int64_t agency_id, int fiscal_year) {
  return store_.read([&](store::ReadTx& tx) {
    std::vector<PublishedMonth> out;
    for (const auto& r : tx.query(q::kPublishedYear, {agency_id, std::int64_t{fiscal_year}}))
      out.push_back(published_from(r));
    return out;
  });
}

std::vector<MonthStatus> Summaries::months(std::int64_t agency_id, int fiscal_year, calendar::Date today) {
  return months(agency_id, fiscal_year, today, reg_.projects(agency_id, fiscal_year));
}

std::vector<MonthStatus> Summaries::months(std::int64_t agency_id, int fiscal_year, calendar::Date today,
                                           const std::vector<Project>& year) {
  const int day = due_day(agency_id);
  std::vector<PublishedMonth> done = published(agency_id, fiscal_year);
  std::vector<MonthStatus> out;
  for (int i = 1; i <= 12; ++i) {
    MonthStatus m{i, month_key(fiscal_year, i), calendar::FiscalYear(fiscal_year).month(i),
                  due_on(fiscal_year, i, day)};
    for (const PublishedMonth& p : done)
      if (p.month == m.month) m.published = p;
    if (m.published)
      m.state = m.published->content == content_of(year, fiscal_year, i).content ? MonthState::published
                                                                                 : MonthState::changed;
    else if (today < m.days.last)
      m.state = MonthState::not_over;
    else
      m.state = today > m.due ? MonthState::overdue : MonthState::due;
    out.push_back(std::move(m));
  }
  return out;
}

Result<PublishedMonth> Summaries::publish(const http::Principal& by, int fiscal_year, const std::string& month,
                                          const std::string& note, bool confirm_personal_data, Lang lang) {
  if (!may_edit(by)) return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not a procurement officer"));
  auto index = month_index(fiscal_year, month);
  if (!index) return fail(Error::not_found("procurement month"));
  const calendar::Date today = calendar::local_date(clock_.now());
  if (today < calendar::FiscalYear(fiscal_year).month(*index).last)
    return fail(Error::invalid_field("month", "procurement.error.month_not_over"));
  auto why = text::form_field("note", note, kMaxNote, false, text::Lines::multiple);
  if (!why) return fail(why.error());
  auto agency = accounts_.agency(by.agency_id);
  if (!agency) return fail(agency.error());
  MonthContent c = content_of(reg_.projects(by.agency_id, fiscal_year), fiscal_year, *index);
  const Rendered rendered =
      render_all(monthly_summary(c.projects, fiscal_year, *index, agency->name_th, Lang::th, today));
  Satang agreed = 0;
  for (const Project& p : c.projects)
    if (p.status != "cancelled") agreed += p.agreed_price.value_or(0);
  nlohmann::json audit = {{"month", month}};
  if (auto held =
          personal_data_held(std::string(Strings::instance().get(lang, "procurement.summary_form")) + " " + month,
                             rendered[2], accounts_.own_contacts(by.agency_id), confirm_personal_data, lang, audit))
    return fail(*held);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<PublishedMonth> {
    auto version = next_version(tx.query_one(q::kLatestVersion, {by.agency_id, month}), c.content, *why, "month");
    if (!version) return fail(version.error());
    PublishedMonth m;
    m.month = month;
    m.fiscal_year = fiscal_year;
    m.version = *version;
    m.projects = static_cast<std::int64_t>(c.projects.size());
    m.agreed = agreed;
    m.content = c.content;
    m.note = m.version > 1 ? *why : "";
    m.published_at = tx.now();
    m.files = record(
        tx, by, "procurement_month", q::kInsertMonth,
        {by.agency_id, std::int64_t{fiscal_year}, month, std::int64_t{m.version}, m.projects, m.agreed, m.content},
        with(audit, {{"version", m.version}, {"projects", m.projects}, {"agreed", m.agreed}}), m.note,
        month_file_name(fiscal_year, *index), rendered);
    return m;
  });
}

std::optional<PublishedYear> Summaries::published_year(std::int64_t agency_id, int fiscal_year) {
  return store_.read([&](store::ReadTx& tx) -> std::optional<PublishedYear> {
    auto row = tx.query_one(q::kLatestYear, {agency_id, std::int64_t{fiscal_year}});
    if (!row) return std::nullopt;
    return published_year_from(*row);
  });
}

YearState Summaries::year_state(std::int64_t agency_id, int fiscal_year, calendar::Date today) {
  return year_state(agency_id, fiscal_year, today, reg_.projects(agency_id, fiscal_year));
}

YearState Summaries::year_state(std::int64_t agency_id, int fiscal_year, calendar::Date today,
                                const std::vector<Project>& projects) {
  auto published = published_year(agency_id, fiscal_year);
  if (!published) return today < calendar::FiscalYear(fiscal_year).period().last ? YearState::not_over : YearState::due;
  return published->content == year_content(projects, fiscal_year, published->texts) ? YearState::published
                                                                                     : YearState::changed;
}

Result<PublishedYear> Summaries::publish_year(const http::Principal& by, int fiscal_year, const AnnualTexts& typed,
                                              const std::string& note, bool confirm_personal_data, Lang lang) {
  if (!may_edit(by)) return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not a procurement officer"));
  const calendar::Date today = calendar::local_date(clock_.now());
  if (today < calendar::FiscalYear(fiscal_year).period().last)
    return fail(Error::invalid_field("year", "procurement.error.year_not_over"));
  AnnualTexts texts;
  for (auto [field, in, out] : {std::tuple{"analysis", &typed.analysis, &texts.analysis},
                                std::tuple{"problems", &typed.problems, &texts.problems},
                                std::tuple{"suggestions", &typed.suggestions, &texts.suggestions}}) {
    auto t = text::form_field(field, *in, kMaxText, false, text::Lines::multiple);
    if (!t) return fail(t.error());
    *out = *t;
  }
  auto why = text::form_field("note", note, kMaxNote, false, text::Lines::multiple);
  if (!why) return fail(why.error());
  auto agency = accounts_.agency(by.agency_id);
  if (!agency) return fail(agency.error());
  const std::vector<Project> year = reg_.projects(by.agency_id, fiscal_year);
  const std::string content = year_content(year, fiscal_year, texts);
  const Rendered rendered = render_all(annual_report(year, fiscal_year, agency->name_th, texts, Lang::th, today));
  nlohmann::json audit = nlohmann::json::object();
  if (auto held = personal_data_held(
          std::string(Strings::instance().get(lang, "procurement.annual_heading")) + " " + std::to_string(fiscal_year),
          rendered[2] + "\n" + texts.analysis + "\n" + texts.problems + "\n" + texts.suggestions,
          accounts_.own_contacts(by.agency_id), confirm_personal_data, lang, audit))
    return fail(*held);
  YearTotals totals = Register::totals_of(year, fiscal_year);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<PublishedYear> {
    auto version =
        next_version(tx.query_one(q::kLatestYear, {by.agency_id, std::int64_t{fiscal_year}}), content, *why, "year");
    if (!version) return fail(version.error());
    PublishedYear y;
    y.fiscal_year = fiscal_year;
    y.version = *version;
    y.texts = texts;
    y.projects = totals.projects - std::accumulate(totals.months.begin(), totals.months.end(), std::int64_t{0},
                                                   [](std::int64_t n, const MonthTotal& m) { return n + m.cancelled; });
    y.agreed = totals.agreed;
    y.content = content;
    y.note = y.version > 1 ? *why : "";
    y.published_at = tx.now();
    y.files = record(tx, by, "procurement_year", q::kInsertYear,
                     {by.agency_id, std::int64_t{fiscal_year}, std::int64_t{y.version}, texts.analysis, texts.problems,
                      texts.suggestions, y.projects, y.agreed, y.content},
                     with(audit, {{"fiscal_year", fiscal_year},
                                  {"version", y.version},
                                  {"analysis", texts.analysis},
                                  {"problems", texts.problems},
                                  {"suggestions", texts.suggestions}}),
                     y.note, year_file_name(fiscal_year), rendered);
    return y;
  });
}

std::vector<PlanRow> Summaries::plan(std::int64_t agency_id, int fiscal_year) {
  std::map<std::int64_t, std::string> units;
  for (const accounts::Unit& u : accounts_.units(agency_id)) units[u.id] = u.name_th;
  return store_.read([&](store::ReadTx& tx) {
    std::vector<PlanRow> out;
    for (const auto& r : tx.query(q::kPlanLines, {agency_id, std::int64_t{fiscal_year}})) {
      PlanRow row;
      row.line.name = r.text("name");
      row.line.budget = r.opt_integer("budget");
      row.line.budget_source = r.text("budget_source");
      row.line.method = r.text("method");
      row.line.expected_month = r.text("expected_month");
      row.unit_id = r.opt_integer("unit_id");
      if (row.unit_id)
        if (auto u = units.find(*row.unit_id); u != units.end()) row.line.unit = u->second;
      row.line.note = r.text("note");
      out.push_back(std::move(row));
    }
    return out;
  });
}

Result<void> Summaries::save_plan(const http::Principal& by, int fiscal_year, const std::vector<PlanLineInput>& typed,
                                  Lang lang) {
  if (!may_edit(by)) return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not a procurement officer"));
  if (typed.size() > kMaxPlanLines) return fail(Error::invalid_field("plan", "error.too_many"));
  std::map<std::int64_t, std::string> units;
  for (const accounts::Unit& u : accounts_.units(by.agency_id)) units[u.id] = u.name_th;
  std::vector<PlanRow> rows;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    const PlanLineInput& in = typed[i];
    if ((in.name + in.budget + in.budget_source + in.expected_month + in.note).find_first_not_of(" \t\r\n") ==
        std::string::npos)
      continue;  // a blank row of the form
    // A fault names the line as the officer counts them.
    auto at = [&](const char* field, std::string_view key) {
      Error e = Error::said(ErrorKind::invalid, "procurement.plan_refused",
                            text::fill(std::string(Strings::instance().get(lang, "procurement.plan_line")), "n",
                                       std::to_string(rows.size() + 1)) +
                                ": " + std::string(Strings::instance().get(lang, key)));
      e.field = field;
      return e;
    };
    PlanRow row;
    auto name = text::form_field("plan_name", in.name, kMaxText, true);
    if (!name) return fail(at("plan_name", name.error().message_key));
    row.line.name = *name;
    if (!text::trim(in.budget).empty()) {
      row.line.budget = parse_baht(in.budget);
      if (!row.line.budget) return fail(at("plan_budget", "procurement.error.amount"));
    }
    for (auto [field, value, into] : {std::tuple{"plan_source", &in.budget_source, &row.line.budget_source},
                                      std::tuple{"plan_note", &in.note, &row.line.note}}) {
      auto t = text::form_field(field, *value, kMaxNote, false);
      if (!t) return fail(at(field, t.error().message_key));
      *into = *t;
    }
    if (std::find(std::begin(kMethods), std::end(kMethods), in.method) == std::end(kMethods))
      return fail(at("plan_method", "error.choice"));
    row.line.method = in.method;
    const std::string month(text::trim(in.expected_month));
    if (!month.empty() && !month_index(fiscal_year, month))
      return fail(at("plan_month", "procurement.error.plan_month"));
    row.line.expected_month = month;
    if (!text::trim(in.unit).empty()) {
      auto unit = text::parse_id(in.unit);
      auto u = unit ? units.find(*unit) : units.end();
      if (u == units.end()) return fail(at("plan_unit", "error.choice"));
      row.unit_id = *unit;
      row.line.unit = u->second;
    }
    rows.push_back(std::move(row));
  }
  std::vector<PlanRow> before = plan(by.agency_id, fiscal_year);
  if (audit_of(before) == audit_of(rows)) return ok();
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change{by.agency_id,
                           "procurement_plan",
                           std::to_string(fiscal_year),
                           "update",
                           {{"lines", audit_of(before)}},
                           {{"lines", audit_of(rows)}}},
             q::kDeletePlanLines, {by.agency_id, std::int64_t{fiscal_year}});
    std::int64_t n = 0;
    for (const PlanRow& r : rows)
      tx.also(q::kInsertPlanLine,
              {by.agency_id, std::int64_t{fiscal_year}, ++n, r.line.name, store::nullable(r.line.budget),
               r.line.budget_source, r.line.method, r.line.expected_month, store::nullable(r.unit_id), r.line.note});
    return ok();
  });
}

std::optional<PublishedPlan> Summaries::published_plan(std::int64_t agency_id, int fiscal_year) {
  return store_.read([&](store::ReadTx& tx) -> std::optional<PublishedPlan> {
    auto row = tx.query_one(q::kLatestPlan, {agency_id, std::int64_t{fiscal_year}});
    if (!row) return std::nullopt;
    return published_plan_from(*row);
  });
}

PlanState Summaries::plan_state(std::int64_t agency_id, int fiscal_year) {
  auto published = published_plan(agency_id, fiscal_year);
  if (!published) return PlanState::unpublished;
  return published->content == plan_content(plan(agency_id, fiscal_year), fiscal_year) ? PlanState::published
                                                                                       : PlanState::changed;
}

Result<PublishedPlan> Summaries::publish_plan(const http::Principal& by, int fiscal_year, const std::string& note,
                                              bool confirm_personal_data, Lang lang) {
  if (!may_edit(by)) return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not a procurement officer"));
  auto why = text::form_field("note", note, kMaxNote, false, text::Lines::multiple);
  if (!why) return fail(why.error());
  auto agency = accounts_.agency(by.agency_id);
  if (!agency) return fail(agency.error());
  const std::vector<PlanRow> rows = plan(by.agency_id, fiscal_year);
  std::vector<PlanLine> lines;
  Satang budget = 0;
  for (const PlanRow& r : rows) {
    lines.push_back(r.line);
    budget += r.line.budget.value_or(0);
  }
  const std::string content = plan_content(rows, fiscal_year);
  const Rendered rendered =
      render_all(purchase_plan(lines, fiscal_year, agency->name_th, Lang::th, calendar::local_date(clock_.now())));
  nlohmann::json audit = nlohmann::json::object();
  if (auto held = personal_data_held(
          std::string(Strings::instance().get(lang, "procurement.plan_title")) + " " + std::to_string(fiscal_year),
          rendered[2], accounts_.own_contacts(by.agency_id), confirm_personal_data, lang, audit))
    return fail(*held);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<PublishedPlan> {
    auto version =
        next_version(tx.query_one(q::kLatestPlan, {by.agency_id, std::int64_t{fiscal_year}}), content, *why, "plan");
    if (!version) return fail(version.error());
    PublishedPlan p;
    p.fiscal_year = fiscal_year;
    p.version = *version;
    p.lines = static_cast<std::int64_t>(lines.size());
    p.budget = budget;
    p.content = content;
    p.note = p.version > 1 ? *why : "";
    p.published_at = tx.now();
    p.files = record(
        tx, by, "procurement_plan_version", q::kInsertPlan,
        {by.agency_id, std::int64_t{fiscal_year}, std::int64_t{p.version}, p.lines, p.budget, p.content},
        with(audit, {{"fiscal_year", fiscal_year}, {"version", p.version}, {"lines", p.lines}, {"budget", p.budget}}),
        p.note, plan_file_name(fiscal_year), rendered);
    return p;
  });
}

std::string file_href(int fiscal_year, std::string_view name, std::string_view format) {
  return "/procurement/" + std::to_string(fiscal_year) + "/files/" + std::string(name) + "." + std::string(format);
}

std::optional<Summaries::File> Summaries::file(std::int64_t agency_id, int fiscal_year, std::string_view what,
                                               std::string_view format) {
  auto kind =
      std::find_if(std::begin(kKinds), std::end(kKinds), [&](const files::Kind& k) { return k.extension == format; });
  if (kind == std::end(kKinds)) return std::nullopt;
  const auto at = static_cast<std::size_t>(kind - std::begin(kKinds));
  return store_.read([&](store::ReadTx& tx) -> std::optional<File> {
    std::optional<files::Ref> ref;
    if (what == kAnnual) {
      if (auto row = tx.query_one(q::kLatestYear, {agency_id, std::int64_t{fiscal_year}}))
        ref = refs_of(*row, year_file_name(fiscal_year)).at(at);
    } else if (what == kPlan) {
      if (auto row = tx.query_one(q::kLatestPlan, {agency_id, std::int64_t{fiscal_year}}))
        ref = refs_of(*row, plan_file_name(fiscal_year)).at(at);
    } else if (auto index = month_index(fiscal_year, what)) {
      if (auto row = tx.query_one(q::kLatestVersion, {agency_id, std::string(what)}))
        ref = refs_of(*row, month_file_name(fiscal_year, *index)).at(at);
    }
    if (!ref) return std::nullopt;
    auto data = files::get(tx, agency_id, ref->sha256);
    if (!data) return std::nullopt;
    return File{std::move(*ref), std::move(*data)};
  });
}

}  // namespace prongsai::procurement
