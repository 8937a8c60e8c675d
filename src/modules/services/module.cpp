// The services module's manifest: the E-Service catalogue, the agency's holidays, requests
// from the public form, and the service statistics.
#include "modules/services/module.hpp"

#include "modules/cases/module.hpp"

namespace prongsai::services {

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
                    .title_key = "data.service_statistics",
                    .description_key = "data.service_statistics_text",
                    .formats = {"csv", "json", "xlsx", "pdf"},
                    .href =
                        [](int year, std::string_view format) {
                          return "/services/statistics/" + std::to_string(year) + "/" + std::string(format);
                        }}},
  };
  return m;
}

}  // namespace prongsai::services
