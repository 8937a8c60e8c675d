// The monthly summary. See summary.hpp.
#include "modules/procurement/summary.hpp"

#include <algorithm>
#include <cmath>

#include "core/text.hpp"

namespace prongsai::procurement {
namespace {

std::string s(Lang lang, std::string_view key) { return std::string(Strings::instance().get(lang, key)); }

std::string year_of(const calendar::Date& d, Lang lang) {
  return std::to_string(lang == Lang::th ? calendar::be_year(d) : static_cast<int>(d.year()));
}

}  // namespace

std::vector<Project> of_month(const std::vector<Project>& year, int fiscal_year, int index) {
  calendar::Period days = calendar::FiscalYear(fiscal_year).month(index);
  std::vector<Project> out;
  for (const Project& p : year)
    if (auto d = p.reported_on(); d && days.contains(*d)) out.push_back(p);
  std::stable_sort(out.begin(), out.end(),
                   [](const Project& a, const Project& b) { return *a.reported_on() < *b.reported_on(); });
  return out;
}

documents::TableReport monthly_summary(const std::vector<Project>& month, int fiscal_year, int index,
                                       const std::string& agency_name, Lang lang, calendar::Date as_of) {
  calendar::Period days = calendar::FiscalYear(fiscal_year).month(index);
  const std::string month_name =
      calendar::month_name(static_cast<unsigned>(days.first.month()), lang) + " " + year_of(days.first, lang);
  documents::TableReport r;
  r.lang = lang == Lang::en ? "en" : "th";
  r.title = s(lang, "procurement.summary_title") + " " + month_name;
  r.author = agency_name;
  r.heading = {s(lang, "procurement.summary_title") + " " + month_name, agency_name};
  r.cover = {s(lang, "procurement.summary_form"),
             s(lang, "report.fiscal_year") + " " +
                 std::to_string(lang == Lang::th ? fiscal_year : fiscal_year - calendar::kBuddhistEraOffset),
             s(lang, "procurement.summary_as_of") + " " + calendar::format(as_of, lang, calendar::Style::long_form)};
  r.page_label = s(lang, "report.page");
  r.columns = {{s(lang, "procurement.col.number"), 0.7},   {s(lang, "procurement.col.work"), 1.9},
               {s(lang, "procurement.col.budget"), 1.3},   {s(lang, "procurement.col.reference"), 1.3},
               {s(lang, "procurement.col.method"), 0.95},  {s(lang, "procurement.col.bidders"), 1.4},
               {s(lang, "procurement.col.selected"), 1.5}, {s(lang, "procurement.col.reason"), 1.2},
               {s(lang, "procurement.col.contract"), 1.2}, {s(lang, "procurement.col.status"), 0.85}};
  if (month.empty()) {
    r.intro = s(lang, "procurement.summary_none") + " " + month_name;
    std::vector<documents::Cell> row(r.columns.size(), documents::Cell{"-"});
    row[1] = {s(lang, "procurement.no_procurement")};
    r.rows.push_back(std::move(row));
    return r;
  }
  r.intro = s(lang, "procurement.summary_intro") + " " + std::to_string(month.size()) + " " +
            s(lang, "procurement.summary_items");
  int n = 0;
  for (const Project& p : month) {
    documents::Cell work = {p.name};
    if (!p.egp_number.empty()) work.push_back(s(lang, "procurement.egp_number") + " " + p.egp_number);
    if (!p.budget_source.empty()) work.push_back(p.budget_source);
    documents::Cell bidders;
    for (const Bid& b : p.bids) bidders.push_back(b.bidder + " " + baht(b.price));
    if (bidders.empty()) bidders.push_back("-");
    documents::Cell selected = {p.vendor.empty() ? "-" : p.vendor};
    if (p.agreed_price) selected.push_back(baht(p.agreed_price));
    documents::Cell contracts;
    for (const Contract& c : p.contracts)
      contracts.push_back((c.number.empty() ? "-" : c.number) +
                          (c.signed_on ? " " + calendar::format(*c.signed_on, lang) : std::string()));
    if (contracts.empty()) contracts.push_back("-");
    r.rows.push_back({{std::to_string(++n)},
                      work,
                      {baht(p.budget)},
                      {baht(p.reference_price)},
                      {s(lang, "procurement.method." + p.method)},
                      bidders,
                      selected,
                      {p.reason.empty() ? "-" : p.reason},
                      contracts,
                      {s(lang, "procurement.status." + p.status)}});
  }
  return r;
}

namespace {

std::string percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return "-";
  return text::fixed(100.0 * static_cast<double>(part) / static_cast<double>(whole), 2);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from <= text.size()) {
    std::size_t end = text.find('\n', from);
    std::string_view line =
        text::trim(std::string_view(text).substr(from, end == std::string::npos ? end : end - from));
    if (!line.empty()) out.emplace_back(line);
    if (end == std::string::npos) break;
    from = end + 1;
  }
  return out;
}

}  // namespace

documents::TableReport annual_report(const std::vector<Project>& year, int fiscal_year, const std::string& agency_name,
                                     const AnnualTexts& texts, Lang lang, calendar::Date as_of) {
  const calendar::FiscalYear fy(fiscal_year);
  const std::string year_text =
      std::to_string(lang == Lang::th ? fiscal_year : fiscal_year - calendar::kBuddhistEraOffset);
  YearTotals t = Register::totals_of(year, fiscal_year);
  std::int64_t cancelled = 0, counted = 0;
  Satang budget = 0, saved = 0;
  struct Quarter {
    std::int64_t projects = 0;
    Satang agreed = 0;
  } quarters[4];
  for (const Project& p : year) {
    if (p.status == "cancelled") {
      ++cancelled;
      continue;
    }
    ++counted;
    if (p.budget && p.agreed_price) {
      budget += *p.budget;
      saved += *p.budget - *p.agreed_price;
    }
    if (auto day = p.reported_on(); day && fy.contains(*day)) {
      Quarter& q = quarters[calendar::FiscalYear::quarter_of(*day) - 1];
      ++q.projects;
      q.agreed += p.agreed_price.value_or(0);
    }
  }

  documents::TableReport r;
  r.lang = lang == Lang::en ? "en" : "th";
  r.portrait = true;
  r.title = s(lang, "procurement.annual_title") + " " + s(lang, "report.fiscal_year") + " " + year_text;
  r.author = agency_name;
  r.heading = {r.title, agency_name};
  r.cover = {s(lang, "procurement.summary_as_of") + " " + calendar::format(as_of, lang, calendar::Style::long_form)};
  r.page_label = s(lang, "report.page");
  r.intro = s(lang, "procurement.annual_intro") + " " + std::to_string(counted) + " " + s(lang, "procurement.items") +
            " (" + s(lang, "procurement.annual_cancelled") + " " + std::to_string(cancelled) + " " +
            s(lang, "procurement.items") + ") " + s(lang, "procurement.annual_agreed") + " " + baht(t.agreed) + " " +
            s(lang, "procurement.baht");
  // Against the budgets of the purchases that had one: below them (saved), or above.
  if (budget > 0)
    r.intro += " " + s(lang, saved >= 0 ? "procurement.annual_saved" : "procurement.annual_over") + " " +
               baht(saved >= 0 ? saved : -saved) + " " + s(lang, "procurement.baht") + " (" +
               s(lang, "procurement.annual_percent_of_budget") + " " + percent(saved >= 0 ? saved : -saved, budget) +
               ")";
  r.columns = {{s(lang, "procurement.annual_col.what"), 2.4},
               {s(lang, "procurement.count"), 1},
               {s(lang, "procurement.annual_col.count_share"), 1},
               {s(lang, "procurement.field.agreed_price") + " (" + s(lang, "procurement.baht") + ")", 1.6},
               {s(lang, "procurement.annual_col.value_share"), 1}};
  auto row = [&](std::string what, std::int64_t projects, Satang agreed) {
    r.rows.push_back({{std::move(what)},
                      {std::to_string(projects)},
                      {percent(projects, counted)},
                      {baht(agreed)},
                      {percent(agreed, t.agreed)}});
  };
  auto heading_row = [&](const std::string& what) { r.rows.push_back({{what}, {}, {}, {}, {}}); };
  heading_row(s(lang, "procurement.by_method"));
  for (std::string_view m : kMethods) {
    auto it = std::find_if(t.methods.begin(), t.methods.end(), [&](const MethodTotal& x) { return x.method == m; });
    row(s(lang, "procurement.method." + std::string(m)), it == t.methods.end() ? 0 : it->projects,
        it == t.methods.end() ? 0 : it->agreed);
  }
  heading_row(s(lang, "procurement.by_quarter"));
  std::vector<std::string> quarter_names;
  for (int q = 1; q <= 4; ++q) {
    calendar::Period days = fy.quarter(q);
    quarter_names.push_back(s(lang, "procurement.quarter") + " " + std::to_string(q));
    row(quarter_names.back() + " (" + calendar::format(days.first, lang) + " – " + calendar::format(days.last, lang) +
            ")",
        quarters[q - 1].projects, quarters[q - 1].agreed);
  }
  row(s(lang, "procurement.total"), counted, t.agreed);

  // What was agreed by quarter, in millions of baht once a quarter reaches one, else thousands.
  Satang most = 0;
  for (const Quarter& q : quarters) most = std::max(most, q.agreed);
  const bool millions = most >= 100'000'000;
  const double unit = millions ? 100'000'000.0 : 100'000.0;
  documents::BarChart chart;
  chart.id = "procurement-quarters";
  chart.title = s(lang, "procurement.annual_chart");
  std::string described;
  for (int q = 0; q < 4; ++q) {
    const double value = std::round(static_cast<double>(quarters[q].agreed) / unit * 10) / 10;
    chart.groups.push_back({quarter_names[q], {{quarter_names[q], value, "bar-a"}}});
    described += (described.empty() ? "" : ", ") + quarter_names[q] + " " + documents::chart_value_text(value);
  }
  r.chart_unit = s(lang, millions ? "procurement.million_baht" : "procurement.thousand_baht");
  chart.description = described + " " + r.chart_unit;
  r.chart = std::move(chart);

  for (auto [key, text] : {std::pair{"procurement.annual_analysis", &texts.analysis},
                           std::pair{"procurement.annual_problems", &texts.problems},
                           std::pair{"procurement.annual_suggestions", &texts.suggestions}}) {
    std::vector<std::string> paragraphs = lines_of(*text);
    if (!paragraphs.empty()) r.closing.push_back({s(lang, key), std::move(paragraphs)});
  }
  return r;
}

documents::TableReport purchase_plan(const std::vector<PlanLine>& lines, int fiscal_year,
                                     const std::string& agency_name, Lang lang, calendar::Date as_of) {
  const std::string year_text =
      std::to_string(lang == Lang::th ? fiscal_year : fiscal_year - calendar::kBuddhistEraOffset);
  documents::TableReport r;
  r.lang = lang == Lang::en ? "en" : "th";
  r.title = s(lang, "procurement.plan_title") + " " + s(lang, "report.fiscal_year") + " " + year_text;
  r.author = agency_name;
  r.heading = {r.title, agency_name};
  r.cover = {s(lang, "procurement.summary_as_of") + " " + calendar::format(as_of, lang, calendar::Style::long_form)};
  r.page_label = s(lang, "report.page");
  r.columns = {{s(lang, "procurement.col.number"), 0.6},      {s(lang, "procurement.plan_col.name"), 2.6},
               {s(lang, "procurement.plan_col.budget"), 1.2}, {s(lang, "procurement.plan_col.source"), 1.3},
               {s(lang, "procurement.col.method"), 1.1},      {s(lang, "procurement.plan_col.when"), 1.1},
               {s(lang, "procurement.plan_col.unit"), 1.2},   {s(lang, "procurement.plan_col.note"), 1.1}};
  if (lines.empty()) {
    r.intro = s(lang, "procurement.plan_none");
    std::vector<documents::Cell> row(r.columns.size(), documents::Cell{"-"});
    row[1] = {s(lang, "procurement.plan_none")};
    r.rows.push_back(std::move(row));
    return r;
  }
  Satang total = 0;
  for (const PlanLine& l : lines) total += l.budget.value_or(0);
  r.intro = s(lang, "procurement.plan_intro") + " " + std::to_string(lines.size()) + " " +
            s(lang, "procurement.items") + " " + s(lang, "procurement.plan_total") + " " + baht(total) + " " +
            s(lang, "procurement.baht");
  int n = 0;
  for (const PlanLine& l : lines) {
    std::string when = "-";
    if (auto d = calendar::parse_iso(l.expected_month + "-01"))
      when = calendar::month_name(static_cast<unsigned>(d->month()), lang, calendar::Style::short_form) + " " +
             std::to_string(lang == Lang::th ? calendar::be_year(*d) : static_cast<int>(d->year()));
    r.rows.push_back({{std::to_string(++n)},
                      {l.name},
                      {baht(l.budget)},
                      {l.budget_source.empty() ? "-" : l.budget_source},
                      {s(lang, "procurement.method." + l.method)},
                      {when},
                      {l.unit.empty() ? "-" : l.unit},
                      {l.note.empty() ? "-" : l.note}});
  }
  return r;
}

}  // namespace prongsai::procurement
