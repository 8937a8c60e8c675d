// The public side of the measures: what executives approved, at stable addresses that the
// agency can give to assessors and link from its website.
//   /measures                           the years with a published plan
//   /measures/{year}                    the latest approved version (page)
//   /measures/{year}/files/{kind.ext}   its plan or report (plan.pdf, report.docx…; the o42/o43
//                                       names of earlier addresses still answer) as PDF, DOCX, XLSX or HTML
//   /measures/{year}/v/{n}              an earlier version, and /measures/{year}/v/{n}/files/...
// Everything renders from the approved snapshot, never from the plan as it is being edited.
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "core/thai_calendar.hpp"
#include "http/errors.hpp"
#include "modules/measures/measures.hpp"
#include "modules/measures/module.hpp"

namespace prongsai::measures {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;
using http::Route;
using nlohmann::json;

// "report.pdf" → the kind and format, if both are known.
std::optional<std::pair<ReportKind, documents::Format>> parse_file(std::string_view file) {
  auto dot = file.find('.');
  ReportKind kind = ReportKind::report;
  documents::Format format = documents::Format::pdf;
  if (dot == std::string_view::npos || !parse_report_kind(file.substr(0, dot), kind) ||
      !documents::parse_format(file.substr(dot + 1), format))
    return std::nullopt;
  return std::make_pair(kind, format);
}

class PublicHandlers {
 public:
  PublicHandlers(Service& svc, web::Pages& pages) : svc_(svc), pages_(pages) {}

  Response index(Request& req) {
    json years = json::array();
    for (const PlanSummary& s : svc_.plans(req.agency_id)) {
      auto latest = svc_.publications(req.agency_id, s.fiscal_year);
      if (latest.empty()) continue;
      years.push_back({{"year", std::to_string(s.fiscal_year)},
                       {"version", std::to_string(latest.front().version)},
                       {"approved_at", calendar::format(calendar::local_date(latest.front().approved_at), req.lang)}});
    }
    return pages_.page(req, "measures/public_index",
                       {{"title", std::string(pages_.t(req, "menu.public_measures"))}, {"years", years}});
  }

  Response latest(Request& req) { return page(req, std::nullopt); }

  Response version(Request& req) {
    auto v = req.id_param("version");
    if (!v || *v > 100000) return pages_.error(req, Error::not_found("version"));
    return page(req, static_cast<int>(*v));
  }

  Response latest_file(Request& req) { return file(req, std::nullopt); }

  Response version_file(Request& req) {
    auto v = req.id_param("version");
    if (!v || *v > 100000) return pages_.error(req, Error::not_found("version"));
    return file(req, static_cast<int>(*v));
  }

 private:
  std::optional<Publication> find(const Request& req, std::optional<int> version) {
    auto year = req.id_param("year");
    if (!year || *year > 3000) return std::nullopt;
    return svc_.publication(req.agency_id, static_cast<int>(*year), version);
  }

  Response page(Request& req, std::optional<int> version) {
    auto pub = find(req, version);
    if (!pub) return pages_.error(req, Error::not_found("publication"));
    const std::string year = std::to_string(pub->plan.fiscal_year);
    const std::string base = "/measures/" + year + (version ? "/v/" + std::to_string(*version) : "");
    documents::TableReport model = report_model(pub->plan, pub->agency_name, pub->units, ReportKind::report);
    json rows = json::array();
    for (std::size_t r = 0; r < model.rows.size(); ++r) {
      json cells = json::array();
      for (std::size_t c = 0; c < model.columns.size(); ++c) {
        if (model.rows[r][c].empty()) continue;
        cells.push_back({{"header", model.columns[c].header}, {"paragraphs", model.rows[r][c]}});
      }
      rows.push_back({{"n", std::to_string(r + 1)}, {"code", pub->plan.issues[r].issue.item_code}, {"cells", cells}});
    }
    json documents = json::array();
    for (ReportKind kind : {ReportKind::plan, ReportKind::report}) {
      json formats = json::array();
      for (documents::Format f :
           {documents::Format::pdf, documents::Format::docx, documents::Format::xlsx, documents::Format::html}) {
        std::string ext(documents::extension(f));
        formats.push_back(
            {{"href", base + "/files/" + std::string(to_string(kind)) + "." + ext}, {"label", text::ascii_upper(ext)}});
      }
      documents.push_back(
          {{"name", document_name(req.lang, svc_.catalogue(), pub->plan.fiscal_year, kind)}, {"formats", formats}});
    }
    json versions = json::array();
    int newest = 0;
    for (const PublicationSummary& s : svc_.publications(req.agency_id, pub->plan.fiscal_year)) {
      newest = std::max(newest, s.version);
      versions.push_back({{"version", std::to_string(s.version)},
                          {"href", "/measures/" + year + "/v/" + std::to_string(s.version)},
                          {"current", s.version == pub->version},
                          {"approved_at", calendar::format_time(s.approved_at, req.lang)}});
    }
    return pages_.page(req, "measures/public",
                       {{"title", model.title},
                        {"heading", model.heading},
                        {"agency", pub->agency_name},
                        {"prepared_by", pub->plan.prepared_by},
                        {"year", year},
                        {"cited_year", std::to_string(pub->plan.cited_year)},
                        {"cited_version", web::version_label(req.lang, pub->plan.framework_version)},
                        {"version", std::to_string(pub->version)},
                        {"approved_at", calendar::format_time(pub->approved_at, req.lang)},
                        {"approver", pub->approver_name},
                        {"note", pub->note},
                        {"older", pub->version != newest},
                        {"intro", model.intro},
                        {"documents", documents},
                        {"rows", rows},
                        {"versions", versions}});
  }

  Response file(Request& req, std::optional<int> version) {
    auto which = parse_file(req.param("file"));
    auto pub = which ? find(req, version) : std::nullopt;
    if (!pub) return pages_.error(req, Error::not_found("document"));
    auto [kind, format] = *which;
    std::string name = std::string(to_string(kind)) + "-" + std::to_string(pub->plan.fiscal_year) + "-v" +
                       std::to_string(pub->version) + "." + std::string(documents::extension(format));
    // HTML is a download too: it carries its own inline style, which this site's CSP forbids.
    return Response::file(
        documents::render(report_model(pub->plan, pub->agency_name, pub->units, kind), format),
        documents::content_type(format), name,
        format == documents::Format::pdf ? Response::Disposition::shown : Response::Disposition::attachment);
  }

  Service& svc_;
  web::Pages& pages_;
};

}  // namespace

void mount_public(http::Router& router, web::Pages& pages, Service& svc) {
  auto h = std::make_shared<PublicHandlers>(svc, pages);
  router.add(Route(Method::get, "/measures", Access::anyone(), http::member(h, &PublicHandlers::index))).cached();
  router.add(Route(Method::get, "/measures/{year}", Access::anyone(), http::member(h, &PublicHandlers::latest)))
      .cached();
  router
      .add(Route(Method::get, "/measures/{year}/v/{version}", Access::anyone(),
                 http::member(h, &PublicHandlers::version)))
      .cached();
  // Documents render on the worker pool (a PDF is tens of milliseconds) and stay in the page
  // cache until the next write.
  router
      .add(Route(Method::get, "/measures/{year}/files/{file}", Access::anyone(),
                 http::member(h, &PublicHandlers::latest_file)))
      .on(http::Work::worker_pool)
      .cached();
  router
      .add(Route(Method::get, "/measures/{year}/v/{version}/files/{file}", Access::anyone(),
                 http::member(h, &PublicHandlers::version_file)))
      .on(http::Work::worker_pool)
      .cached();
}

}  // namespace prongsai::measures
