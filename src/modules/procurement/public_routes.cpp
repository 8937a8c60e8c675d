// The public side of procurement: each month's summary as the agency published it, at stable
// addresses the agency gives to the NACC's assessors.
//   /procurement                          the years with a published month
//   /procurement/{year}                   the year's plan, report and months: what each published, its files
//   /procurement/{year}/announcements     each purchase of the year with its announcements (the
//                                         library's documents the officer put with it)
//   /procurement/{year}/files/{name.ext}  a month's summary (2026-10.pdf, .xlsx or .csv) or the
//                                         year's report (annual.pdf, .xlsx, .csv) or plan (plan.*)
// The summaries are served as they were published (publish.hpp), never from the register as it
// is now; the announcements are the library's documents, public as the library's pages are.
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "core/text.hpp"
#include "http/errors.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/library/library.hpp"
#include "modules/procurement/module.hpp"
#include "modules/procurement/publish.hpp"

namespace prongsai::procurement {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Route;
using nlohmann::json;

std::optional<int> year_of(const Request& req) {
  auto year = req.id_param("year");
  if (!year || *year < 2500 || *year > 2700) return std::nullopt;
  return static_cast<int>(*year);
}

class PublicHandlers {
 public:
  PublicHandlers(Register& reg, Summaries& summaries, accounts::Service& accounts, library::Library& library,
                 web::Pages& pages, const Clock& clock)
      : reg_(reg), summaries_(summaries), accounts_(accounts), library_(library), pages_(pages), clock_(clock) {}

  Response index(Request& req) {
    std::vector<int> published = summaries_.years(req.agency_id), announced = reg_.announced_years(req.agency_id);
    std::set<int, std::greater<>> all(published.begin(), published.end());
    all.insert(announced.begin(), announced.end());
    json years = json::array();
    for (int y : all) years.push_back({{"year", std::to_string(y)}, {"href", "/procurement/" + std::to_string(y)}});
    return pages_.page(req, "procurement/public_index",
                       {{"title", std::string(pages_.t(req, "procurement.public_title"))}, {"years", years}});
  }

  // The year's months up to today's: each published one with its files, each that is over and
  // not published said so.
  Response year(Request& req) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found("year"));
    const calendar::Date today = calendar::local_date(clock_.now());
    std::vector<PublishedMonth> published = summaries_.published(req.agency_id, *year);
    std::vector<int> announced = reg_.announced_years(req.agency_id);
    const bool has_announcements = std::find(announced.begin(), announced.end(), *year) != announced.end();
    if (published.empty() && !has_announcements && !summaries_.published_year(req.agency_id, *year) &&
        !summaries_.published_plan(req.agency_id, *year) && today < calendar::FiscalYear(*year).period().first)
      return pages_.error(req, Error::not_found("year"));
    json months = json::array();
    for (int i = 1; i <= 12; ++i) {
      const calendar::Period days = calendar::FiscalYear(*year).month(i);
      const std::string key = month_key(*year, i);
      auto p =
          std::find_if(published.begin(), published.end(), [&](const PublishedMonth& m) { return m.month == key; });
      if (p == published.end() && today < days.last) continue;  // not over: nothing to say yet
      json m = {{"month", calendar::month_name(static_cast<unsigned>(days.first.month()), req.lang) + " " +
                              std::to_string(req.lang == Lang::th ? calendar::be_year(days.first)
                                                                  : static_cast<int>(days.first.year()))},
                {"published", p != published.end()}};
      if (p != published.end()) {
        m.update({{"projects", p->projects},
                  {"none", p->projects == 0},
                  {"agreed", baht(p->agreed)},
                  {"files", file_links(*year, key, p->files)},
                  {"published_on", calendar::format(calendar::local_date(p->published_at), req.lang)},
                  {"corrected", p->version > 1},
                  {"version", p->version},
                  {"note", p->note}});
      }
      months.push_back(std::move(m));
    }
    // The year's plan and report, when published: their files, when, and a correction's reason.
    auto published_document = [&](std::string_view name, const Publication& p) -> json {
      return {{"files", file_links(*year, name, p.files)},
              {"published_on", calendar::format(calendar::local_date(p.published_at), req.lang)},
              {"corrected", p.version > 1},
              {"version", p.version},
              {"note", p.note}};
    };
    json annual = false, plan = false;
    if (auto y = summaries_.published_year(req.agency_id, *year)) annual = published_document(kAnnual, *y);
    if (auto p = summaries_.published_plan(req.agency_id, *year)) plan = published_document(kPlan, *p);
    auto agency = accounts_.agency(req.agency_id);
    Response res =
        pages_.page(req, "procurement/public",
                    {{"title", std::string(pages_.t(req, "procurement.public_title")) + " " +
                                   std::string(pages_.t(req, "report.fiscal_year")) + " " + std::to_string(*year)},
                     {"agency", agency ? agency->name_th : ""},
                     {"year", std::to_string(*year)},
                     {"months", months},
                     {"annual", annual},
                     {"plan", plan},
                     {"has_announcements", has_announcements},
                     {"has_months", !months.empty()}});
    res.fresh_until = calendar::start_of_day(calendar::add_days(today, 1));  // a month may end tonight
    return res;
  }

  // Each purchase of the year that has documents, in the order of the register, with each
  // document as the library has it now.
  Response announcements(Request& req) {
    auto year = year_of(req);
    if (!year) return pages_.error(req, Error::not_found("year"));
    const calendar::Date today = calendar::local_date(clock_.now());
    json purchases = json::array();
    for (const Project& p : reg_.projects(req.agency_id, *year)) {
      json documents = json::array();
      for (const ProjectDocument& pd : p.documents) {
        auto d = library_.get(req.agency_id, pd.document_id);
        if (!d) continue;
        documents.push_back({{"role", std::string(pages_.t(req, "procurement.document." + pd.role))},
                             {"title", d->title},
                             {"number", d->number},
                             {"issued_on", calendar::format(d->issued_on, req.lang)},
                             {"href", d->url()}});
      }
      if (documents.empty()) continue;
      purchases.push_back({{"name", p.name}, {"egp_number", p.egp_number}, {"documents", documents}});
    }
    if (purchases.empty() && today < calendar::FiscalYear(*year).period().first)
      return pages_.error(req, Error::not_found("year"));
    auto agency = accounts_.agency(req.agency_id);
    return pages_.page(req, "procurement/announcements",
                       {{"title", std::string(pages_.t(req, "procurement.announcements_title")) + " " +
                                      std::string(pages_.t(req, "report.fiscal_year")) + " " + std::to_string(*year)},
                        {"agency", agency ? agency->name_th : ""},
                        {"year", std::to_string(*year)},
                        {"purchases", purchases},
                        {"has_purchases", !purchases.empty()}});
  }

  // "2026-10.pdf": the month's latest version.
  Response file(Request& req) {
    auto year = year_of(req);
    std::string_view name = req.param("file");
    auto dot = name.rfind('.');
    if (!year || dot == std::string_view::npos) return pages_.error(req, Error::not_found("document"));
    auto found = summaries_.file(req.agency_id, *year, name.substr(0, dot), name.substr(dot + 1));
    if (!found) return pages_.error(req, Error::not_found("document"));
    return Response::file(std::move(found->data), found->ref.content_type, found->ref.name,
                          found->ref.content_type == "application/pdf" ? Response::Disposition::shown
                                                                       : Response::Disposition::attachment);
  }

 private:
  Register& reg_;
  Summaries& summaries_;
  accounts::Service& accounts_;
  library::Library& library_;
  web::Pages& pages_;
  const Clock& clock_;
};

}  // namespace

json file_links(int fiscal_year, std::string_view name, const std::vector<files::Ref>& refs) {
  json out = json::array();
  for (std::size_t f = 0; f < refs.size() && f < std::size(kPublishedFormats); ++f)
    out.push_back({{"href", file_href(fiscal_year, name, kPublishedFormats[f])},
                   {"label", text::ascii_upper(kPublishedFormats[f])},
                   {"size", files::size_label(refs[f].size)}});
  return out;
}

void mount_public(web::Host& host) {
  auto h = std::make_shared<PublicHandlers>(host.get<Register>(), host.get<Summaries>(), host.get<accounts::Service>(),
                                            host.get<library::Library>(), host.pages(), host.clock());
  http::Router& router = host.router();
  router.add(Route(Method::get, "/procurement", Access::anyone(), http::member(h, &PublicHandlers::index))).cached();
  router.add(Route(Method::get, "/procurement/{year}", Access::anyone(), http::member(h, &PublicHandlers::year)))
      .cached();
  router
      .add(Route(Method::get, "/procurement/{year}/announcements", Access::anyone(),
                 http::member(h, &PublicHandlers::announcements)))
      .cached();
  router
      .add(Route(Method::get, "/procurement/{year}/files/{file}", Access::anyone(),
                 http::member(h, &PublicHandlers::file)))
      .cached();
}

}  // namespace prongsai::procurement
