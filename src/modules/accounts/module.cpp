// The accounts module's manifest: agencies, users, units, sessions and the staff's sign-in.
#include "modules/accounts/module.hpp"

#include "http/pipeline.hpp"

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
      .personal_data = {{.name = "staff",
                         .what_key = "privacy.use.staff",
                         .fields_key = "privacy.fields.staff",
                         .purpose_key = "privacy.purpose.staff",
                         .basis = "legitimate_interest",
                         .readers_key = "privacy.readers.staff",
                         .kept = web::said("privacy.kept.staff"),
                         .order = 70}},
      .cookies = {{std::string(http::kSessionCookie), "cookies.purpose.session", "cookies.lasts.staff_session"},
                  {std::string(kPendingCookie), "cookies.purpose.pending", "cookies.lasts.pending"},
                  {std::string(kDeviceCookie), "cookies.purpose.device", "cookies.lasts.device"}},
  };
  return m;
}

}  // namespace prongsai::accounts
