// The published monthly summaries. See publish.hpp.
#include "modules/procurement/publish.hpp"

#include <charconv>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "documents/table_report.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/procurement/queries.hpp"
#include "modules/procurement/summary.hpp"

namespace prongsai::procurement {
namespace {

constexpr std::size_t kMaxNote = 1000;

const files::Kind kKinds[] = {
    {"application/pdf", "pdf", true},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", false},
    {"text/csv; charset=utf-8", "csv", false},
};

// "สขร1-ตุลาคม-2569.pdf": what the officer and the public save it as.
std::string file_name(int fiscal_year, int index, std::string_view extension) {
  calendar::Period days = calendar::FiscalYear(fiscal_year).month(index);
  return "สขร1-" + calendar::month_name(static_cast<unsigned>(days.first.month()), Lang::th) + "-" +
         std::to_string(calendar::be_year(days.first)) + "." + std::string(extension);
}

PublishedMonth published_from(const store::Row& r) {
  PublishedMonth m;
  m.month = r.text("month");
  m.fiscal_year = static_cast<int>(r.integer("fiscal_year"));
  m.version = static_cast<int>(r.integer("version"));
  m.projects = r.integer("projects");
  m.agreed = r.integer("agreed");
  m.content = r.text("content");
  m.note = r.text("note");
  m.published_at = r.integer("published_at");
  const int index = month_index(m.fiscal_year, m.month).value_or(1);
  for (const files::Kind& k : kKinds) {
    const std::string ext(k.extension);
    m.files.push_back({r.text(ext + "_sha256"), file_name(m.fiscal_year, index, ext), std::string(k.content_type),
                       r.integer(ext + "_size")});
  }
  return m;
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
    for (const auto& r : tx.query(q::kPublishedYears, {agency_id}))
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
  const int day = due_day(agency_id);
  std::vector<PublishedMonth> done = published(agency_id, fiscal_year);
  std::vector<Project> year = reg_.projects(agency_id, fiscal_year);
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
                                          const std::string& note) {
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
  // Made before the transaction: a PDF takes tens of milliseconds, a write lock none of them.
  documents::TableReport model = monthly_summary(c.projects, fiscal_year, *index, agency->name_th, Lang::th, today);
  const std::string rendered[] = {documents::render_pdf(model), documents::render_xlsx(model),
                                  documents::render_csv(model)};
  Satang agreed = 0;
  for (const Project& p : c.projects)
    if (p.status != "cancelled") agreed += p.agreed_price.value_or(0);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<PublishedMonth> {
    auto latest = tx.query_one(q::kLatestVersion, {by.agency_id, month});
    PublishedMonth m;
    m.month = month;
    m.fiscal_year = fiscal_year;
    m.version = latest ? static_cast<int>(latest->integer("version")) + 1 : 1;
    m.projects = static_cast<std::int64_t>(c.projects.size());
    m.agreed = agreed;
    m.content = c.content;
    m.note = m.version > 1 ? *why : "";
    m.published_at = tx.now();
    if (latest && latest->text("content") == c.content)
      return fail(Error::invalid_field("month", "procurement.error.published_unchanged"));
    if (m.version > 1 && m.note.empty()) return fail(Error::invalid_field("note", "procurement.error.note_needed"));
    store::Params params = {
        by.agency_id, std::int64_t{fiscal_year}, month, std::int64_t{m.version}, m.projects, m.agreed, m.content};
    nlohmann::json files = nlohmann::json::object();
    for (std::size_t i = 0; i < std::size(kKinds); ++i) {
      const std::string sha = crypto::sha256_hex(rendered[i]);
      params.push_back(sha);
      params.push_back(static_cast<std::int64_t>(rendered[i].size()));
      files[std::string(kKinds[i].extension)] = sha;
    }
    params.push_back(m.note);
    params.push_back(by.user_id);
    params.push_back(m.published_at);
    tx.apply(store::Change::create(by.agency_id, "procurement_month",
                                   {{"month", month},
                                    {"version", m.version},
                                    {"projects", m.projects},
                                    {"agreed", m.agreed},
                                    {"note", m.note},
                                    {"files", files}}),
             q::kInsertMonth, params);
    for (std::size_t i = 0; i < std::size(kKinds); ++i)
      m.files.push_back(
          files::put(tx, by.agency_id, file_name(fiscal_year, *index, kKinds[i].extension), rendered[i], kKinds[i]));
    return m;
  });
}

std::optional<Summaries::File> Summaries::file(std::int64_t agency_id, int fiscal_year, std::string_view month,
                                               std::string_view format) {
  auto index = month_index(fiscal_year, month);
  auto kind =
      std::find_if(std::begin(kKinds), std::end(kKinds), [&](const files::Kind& k) { return k.extension == format; });
  if (!index || kind == std::end(kKinds)) return std::nullopt;
  return store_.read([&](store::ReadTx& tx) -> std::optional<File> {
    auto row = tx.query_one(q::kLatestVersion, {agency_id, std::string(month)});
    if (!row || row->integer("fiscal_year") != fiscal_year) return std::nullopt;
    const std::string ext(kind->extension);
    files::Ref ref{row->text(ext + "_sha256"), file_name(fiscal_year, *index, ext), std::string(kind->content_type),
                   row->integer(ext + "_size")};
    auto data = files::get(tx, agency_id, ref.sha256);
    if (!data) return std::nullopt;
    return File{std::move(ref), std::move(*data)};
  });
}

}  // namespace prongsai::procurement
