// The accounts module's manifest: agencies, users, units, sessions and the staff's sign-in.
#include "modules/accounts/module.hpp"

namespace prongsai::accounts {

const web::Module& manifest() {
  static const web::Module m{
      .name = "accounts",
      .after = {"frameworks"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            Service& svc = host.make<Service>(host.store(), host.limiter(), host.limits());
            host.make<web::Identity>(web::Identity{
                [&svc](std::string_view h) { return svc.agency_for_host(h); },
                [&svc](std::string_view h) { return svc.known_agency_for_host(h); },
                [&svc](std::string_view token, std::int64_t agency) { return svc.resolve(token, agency); },
                [&svc](std::int64_t agency) {
                  auto a = svc.agency(agency);
                  return a ? a->name_th : std::string();
                },
            });
          },
      .mount =
          [](web::Host& host) {
            mount(host.router(), host.pages(), host.get<Service>(), host.get<web::Settings>().cookies);
          },
      .sweeps = {{"sessions", [](web::Host& host) { return host.get<Service>().sweep_sessions(); }}},
  };
  return m;
}

}  // namespace prongsai::accounts
