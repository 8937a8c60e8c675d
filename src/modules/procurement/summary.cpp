// The monthly summary. See summary.hpp.
#include "modules/procurement/summary.hpp"

#include <algorithm>

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

}  // namespace prongsai::procurement
