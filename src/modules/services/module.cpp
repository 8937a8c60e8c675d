// The services module's manifest: the E-Service catalogue, the agency's holidays, requests
// from the public form, and the service statistics.
#include "modules/services/module.hpp"

#include "core/strings.hpp"
#include "modules/cases/module.hpp"
#include "modules/services/statistics.hpp"

namespace prongsai::services {
namespace {

// The services page answers the E-Service items once a service is published, dated by the
// latest change to one; its statistics page of the year answers the service statistics items.
std::vector<web::ProducedEvidence> catalogue_page(web::Host& host, const web::EvidenceQuery& q) {
  std::int64_t changed = 0;
  for (const Service& s : host.get<Catalogue>().published(q.agency_id)) changed = std::max(changed, s.updated_at);
  if (changed == 0) return {};
  return {{"", std::string(Strings::instance().get(q.lang, "evidence.e_service")), "/services",
           calendar::local_date(changed)}};
}

std::vector<web::ProducedEvidence> statistics_page(web::Host& host, const web::EvidenceQuery& q) {
  auto as_of = q.figures_as_of();
  if (!as_of || host.get<Catalogue>().published(q.agency_id).empty()) return {};
  std::string year = std::to_string(q.about.be());
  return {{"", std::string(Strings::instance().get(q.lang, "evidence.service_statistics")) + " " + year,
           "/services/statistics?year=" + year, *as_of}};
}

// A year's figures as the official table (statistics.hpp: report), once a service is published.
std::optional<web::DataTable> statistics_table(web::Host& host, const web::DatasetQuery& q) {
  auto as_of = q.as_of();
  if (!as_of || host.get<Catalogue>().published(q.agency_id).empty()) return std::nullopt;
  auto agency = host.get<accounts::Service>().agency(q.agency_id);
  documents::TableReport r =
      report(host.get<Requests>().statistics(q.agency_id, q.year), agency ? agency->name_th : "", q.lang, *as_of);
  return web::DataTable{documents::column_headers(r), documents::text_rows(r), *as_of};
}

// The published services, each with the way to ask for it.
std::optional<nlohmann::json> home_block(web::Host& host, const http::Request& req) {
  nlohmann::json services = nlohmann::json::array();
  std::size_t total = 0;
  for (const Service& s : host.get<Catalogue>().published(req.agency_id)) {
    if (++total > 6) continue;
    services.push_back({{"href", "/services/" + std::to_string(s.id)},
                        {"name", req.lang == Lang::en && !s.name_en.empty() ? s.name_en : s.name_th},
                        {"days", std::to_string(s.target_days)},
                        {"days_unit", std::string(Strings::instance().get(req.lang, days_key(s)))}});
  }
  if (services.empty()) return std::nullopt;
  return nlohmann::json{{"services", services}, {"more", total > 6}, {"total", std::to_string(total)}};
}

std::vector<web::PublicPage> public_pages(web::Host& host, std::int64_t agency_id) {
  std::vector<web::PublicPage> out;
  for (const Service& s : host.get<Catalogue>().published(agency_id))
    out.push_back({"/services/" + std::to_string(s.id), calendar::local_date(s.updated_at)});
  return out;
}

// The published service made from the personal-data template: where the privacy notice sends a
// person who uses their rights.
std::optional<std::string> rights_form(web::Host& host, std::int64_t agency_id) {
  for (const Service& s : host.get<Catalogue>().published(agency_id))
    if (s.template_key == kPersonalDataRights) return "/services/" + std::to_string(s.id);
  return std::nullopt;
}

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "services",
      .after = {"accounts", "cases"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            auto& catalogue = host.make<Catalogue>(host.store(), host.get<accounts::Service>());
            auto& holidays = host.make<Holidays>(host.store());
            // The calendar counts working days without the agency's holidays.
            host.make<web::WorkingDaysOf>([&holidays](std::int64_t agency) { return holidays.working_days(agency); });
            host.make<Requests>(catalogue, holidays, host.get<cases::Service>(), host.clock());
          },
      .mount =
          [](web::Host& host) {
            auto& accounts = host.get<accounts::Service>();
            mount(host.router(), host.pages(), host.get<Catalogue>(), host.get<Holidays>(), accounts, host.clock());
            mount_requests(host.router(), host.pages(), host.get<Catalogue>(), host.get<Requests>(), accounts,
                           host.public_limiter());
            cases::mount_request_desk(host.router(), host.pages(), host.get<cases::Service>(), host.public_limiter(),
                                      host.clock());
            mount_statistics(host.router(), host.pages(), host.get<Requests>(), host.get<disclosure::Service>(),
                             host.catalogue(), accounts, host.clock());
          },
      .datasets = {{.name = "service-statistics",
                    .title_key = "opendata.service_statistics",
                    .description_key = "opendata.service_statistics_text",
                    .keywords_key = "opendata.service_statistics_keywords",
                    .frequency = web::Frequency::monthly,
                    .table = statistics_table}},
      .evidence = {{std::string(framework::role::e_service), catalogue_page},
                   {std::string(framework::role::service_statistics), statistics_page}},
      .public_links = {{"services", "pub.services", "/services", 10, true},
                       {"services", "pub.track_request", "/track", 20},
                       {"services", "pub.service_statistics", "/services/statistics", 30}},
      .sitemap = {{public_pages}},
      .home = {{.name = "services", .order = 30, .view = "services/home", .data = home_block}},
      .personal_data = {{.name = "requests",
                         .what_key = "privacy.use.requests",
                         .fields_key = "privacy.fields.requests",
                         .purpose_key = "privacy.purpose.requests",
                         .basis = "public_task",
                         .readers_key = "privacy.readers.requests",
                         .kept = cases::retention_said,
                         .promise_keys = {"requests.privacy"},
                         .href = "/services",
                         .order = 10}},
      .rights_form = rights_form,
  };
  return m;
}

}  // namespace prongsai::services
