// /services/statistics?year=2569: the public page of the service statistics (a chart, the
// month-by-month table and each service's year), its downloads (/services/statistics/2569/csv,
// /xlsx, /pdf), and for the admin the one step that files the PDF as the evidence of the
// fiscal year's OIT item the framework marks as produced by these figures (O16 in 2566).
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "documents/table_report.hpp"
#include "http/errors.hpp"
#include "modules/services/module.hpp"

namespace prongsai::services {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Role;
using http::Route;
using nlohmann::json;

class StatisticsHandlers {
 public:
  StatisticsHandlers(Requests& requests, disclosure::Service& disclosure, const framework::Catalogue& frameworks,
                     accounts::Service& accounts, web::Pages& pages, const Clock& clock)
      : requests_(requests),
        disclosure_(disclosure),
        frameworks_(frameworks),
        accounts_(accounts),
        pages_(pages),
        clock_(clock) {}

  Response page(Request& req) {
    auto fy = year_of(req.query_param("year"));
    if (!fy) return pages_.error(req, Error::not_found());
    return statistics_page(req, *fy, std::nullopt, 200);
  }

  Response download(Request& req) {
    auto fy = year_of(req.param("year"));
    std::string format = req.param("format");
    if (!fy || (format != "csv" && format != "json" && format != "xlsx" && format != "pdf"))
      return pages_.error(req, Error::not_found());
    ServiceStatistics st = requests_.statistics(req.agency_id, *fy);
    std::string name = "service-statistics-" + std::to_string(fy->be()) + "." + format;
    documents::TableReport r = report(st, agency_name(req.agency_id), req.lang, today());
    if (format == "csv") return Response::file(documents::render_csv(r), "text/csv; charset=utf-8", name);
    if (format == "json") return Response::file(documents::render_json(r), "application/json", name);
    documents::Format f = format == "pdf" ? documents::Format::pdf : documents::Format::xlsx;
    return Response::file(documents::render(r, f), documents::content_type(f), name);
  }

  // The PDF as the evidence of the year's statistics item; a copy filed before is replaced.
  Response attach(Request& req) {
    auto fy = year_of(req.param("year"));
    if (!fy) return pages_.error(req, Error::not_found());
    auto use = statistics_item(*fy);
    if (!use) return statistics_page(req, *fy, Error::make(ErrorKind::not_found, "servicestats.no_item"), 404);
    const framework::Item* item = use->item;
    ServiceStatistics st = requests_.statistics(req.agency_id, *fy);
    calendar::Date day = std::min(today(), fy->period().last);
    std::string pdf = documents::render_pdf(report(st, agency_name(req.agency_id), Lang::th, day));
    std::string file_name = "service-statistics-" + std::to_string(fy->be()) + ".pdf";
    disclosure::EvidenceInput in;
    in.kind = "file";
    in.title = t(req, "servicestats.title") + " " + t(req, "servicestats.fiscal_year") + " " +
               std::to_string(fy->be()) + " (" + t(req, "servicestats.as_of") + " " + calendar::format(day, Lang::th) +
               ")";
    in.published_on = calendar::iso(day);
    in.upload = files::Upload{file_name, pdf};
    in.replaces = filed_before(req, use->assessment_year, item->code, file_name);
    auto r = disclosure_.add_evidence(*req.principal, use->assessment_year, item->code, in);
    if (!r) return statistics_page(req, *fy, r.error(), http::status_of(r.error().kind));
    return Response::redirect("/services/statistics?year=" + std::to_string(fy->be()) + "&attached=" + item->code);
  }

 private:
  calendar::Date today() const { return calendar::local_date(clock_.now()); }
  std::string t(const Request& req, std::string_view key) const { return std::string(pages_.t(req, key)); }

  std::optional<calendar::FiscalYear> year_of(const std::optional<std::string>& raw) {
    calendar::FiscalYear current = calendar::FiscalYear::of(today());
    if (!raw || raw->empty()) return current;
    auto y = text::parse_id(*raw);
    if (!y || *y < 2550 || *y > current.be() + 1) return std::nullopt;
    return calendar::FiscalYear(static_cast<int>(*y));
  }

  // The OIT item these figures are evidence for: the year's own, or the next assessment's when
  // that one asks for the year before (ITA 2568's O11).
  std::optional<framework::Catalogue::RoleUse> statistics_item(calendar::FiscalYear fy) const {
    auto uses = frameworks_.uses_of(framework::role::service_statistics, fy.be());
    if (uses.empty()) return std::nullopt;
    return uses.front();
  }

  std::optional<std::int64_t> filed_before(const Request& req, int assessment_year, const std::string& code,
                                           const std::string& file_name) {
    auto reg = disclosure_.registry(req.agency_id, assessment_year, today(), req.lang);
    if (!reg) return std::nullopt;
    const disclosure::ItemState* state = reg->find(code);
    if (!state) return std::nullopt;
    for (const disclosure::Slot& slot : state->slots)
      for (const disclosure::Evidence& e : slot.entries)
        if (e.file.name == file_name) return e.id;
    return std::nullopt;
  }

  std::string agency_name(std::int64_t agency_id) {
    auto a = accounts_.agency(agency_id);
    return a ? a->name_th : "";
  }

  static json figures_json(const Figures& f) {
    json vias = json::array();
    for (std::int64_t n : f.by_via) vias.push_back(std::to_string(n));
    return {{"received", std::to_string(f.received)},
            {"completed", std::to_string(f.completed)},
            {"on_time", std::to_string(f.on_time)},
            {"refused", std::to_string(f.refused)},
            {"open", std::to_string(f.open)},
            {"median", f.median_days ? std::to_string(*f.median_days) : "–"},
            {"vias", vias}};
  }

  Response statistics_page(Request& req, calendar::FiscalYear fy, const std::optional<Error>& error, int status) {
    ServiceStatistics st = requests_.statistics(req.agency_id, fy);
    json months = json::array();
    for (const Month& m : st.months) {
      json row = figures_json(m.figures);
      row["label"] = calendar::month_name(m.month, req.lang, calendar::Style::long_form) + " " +
                     std::to_string(req.lang == Lang::th ? m.ce_year + calendar::kBuddhistEraOffset : m.ce_year);
      months.push_back(std::move(row));
    }
    json services = json::array();
    for (const ServiceLine& l : st.services) {
      json row = figures_json(l.total);
      row["label"] = req.lang == Lang::en && !l.name_en.empty() ? l.name_en : l.name_th;
      services.push_back(std::move(row));
    }
    json vias = json::array();
    for (cases::Via v : kVias)
      vias.push_back(std::string(pages_.t(req, "complaints.via." + std::string(cases::to_string(v)))));
    std::string year = std::to_string(fy.be());
    auto use = statistics_item(fy);
    const framework::Item* item = use ? use->item : nullptr;
    std::string item_name = item ? item->name_th : "";
    if (use && use->assessment_year != fy.be()) item_name += " (ITA " + std::to_string(use->assessment_year) + ")";
    bool admin = req.principal && req.principal->roles.has(Role::admin);
    json data = {{"title", t(req, "servicestats.title") + " " + t(req, "servicestats.fiscal_year") + " " + year},
                 {"year", year},
                 {"period", calendar::format_period(fy.period(), req.lang)},
                 {"chart", chart_svg(st, req.lang)},
                 {"months", months},
                 {"services", services},
                 {"has_services", !services.empty()},
                 {"total", figures_json(st.total)},
                 {"vias", vias},
                 {"csv", "/services/statistics/" + year + "/csv"},
                 {"json", "/services/statistics/" + year + "/json"},
                 {"xlsx", "/services/statistics/" + year + "/xlsx"},
                 {"pdf", "/services/statistics/" + year + "/pdf"},
                 {"prev", "/services/statistics?year=" + std::to_string(fy.be() - 1)},
                 {"next", fy.be() < calendar::FiscalYear::of(today()).be()
                              ? json("/services/statistics?year=" + std::to_string(fy.be() + 1))
                              : json(false)},
                 {"may_attach", admin && item != nullptr},
                 {"item_code", item ? item->code : ""},
                 {"item_name", item_name},
                 {"attach_action", "/services/statistics/" + year + "/attach"},
                 {"attached", req.query_param("attached").value_or("")},
                 {"item_href", item ? "/ita/" + std::to_string(use->assessment_year) + "/" + item->code : ""}};
    return pages_.form(req, "services/statistics", std::move(data), error, status);
  }

  Requests& requests_;
  disclosure::Service& disclosure_;
  const framework::Catalogue& frameworks_;
  accounts::Service& accounts_;
  web::Pages& pages_;
  const Clock& clock_;
};

}  // namespace

void mount_statistics(http::Router& router, web::Pages& pages, Requests& requests, disclosure::Service& disclosure,
                      const framework::Catalogue& frameworks, accounts::Service& accounts, const Clock& clock) {
  auto h = std::make_shared<StatisticsHandlers>(requests, disclosure, frameworks, accounts, pages, clock);
  router.add(Route(Method::get, "/services/statistics", Access::anyone(), http::member(h, &StatisticsHandlers::page)));
  router.add(Route(Method::get, "/services/statistics/{year}/{format}", Access::anyone(),
                   http::member(h, &StatisticsHandlers::download))
                 .on(http::Work::worker_pool));  // a PDF or a workbook to draw
  router.add(Route(Method::post, "/services/statistics/{year}/attach", Access::roles({Role::admin}),
                   http::member(h, &StatisticsHandlers::attach))
                 .takes(http::BodyRule::small_form())
                 .on(http::Work::worker_pool));
}

}  // namespace prongsai::services
