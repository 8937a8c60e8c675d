// The surveys module's manifest: IIT and EIT surveys, their answers and the ITA estimate.
#include "modules/surveys/module.hpp"

#include "modules/cases/module.hpp"

namespace prongsai::surveys {

const web::Module& manifest() {
  static const web::Module m{
      .name = "surveys",
      .after = {"measures"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            Service& svc =
                host.make<Service>(host.store(), host.catalogue(), host.get<measures::Service>(), host.clock());
            // A citizen whose request is done is offered the satisfaction survey open today.
            host.make<cases::SatisfactionLink>([&svc](std::int64_t agency) -> std::optional<std::string> {
              auto s = svc.open_satisfaction(agency);
              if (!s) return std::nullopt;
              return "/s/" + s->token;
            });
          },
      .mount =
          [](web::Host& host) {
            mount(host.router(), host.pages(), host.get<Service>(), host.get<disclosure::Service>(), host.clock(),
                  host.get<web::Settings>().cookies, host.public_limiter());
          },
  };
  return m;
}

}  // namespace prongsai::surveys
