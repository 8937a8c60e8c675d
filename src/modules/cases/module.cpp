// The cases module's manifest: complaints, the sealed corruption channel and E-Service
// requests as cases with a receipt code.
#include "modules/cases/module.hpp"

#include <spdlog/spdlog.h>

namespace prongsai::cases {

const web::Module& manifest() {
  static const web::Module m{
      .name = "cases",
      .after = {"accounts"},
      .migrations = true,
      .build = [](web::Host& host) { host.make<Service>(host.store(), host.get<accounts::Service>()); },
      .mount =
          [](web::Host& host) {
            const SatisfactionLink* link = host.find<SatisfactionLink>();
            mount(host.router(), host.pages(), host.get<Service>(), host.public_limiter(), host.clock(),
                  link ? *link : SatisfactionLink{});
          },
      .jobs = {{.name = "retention-purge",
                .due = [](web::Host&, std::int64_t now) -> std::optional<std::int64_t> { return now + 6 * 3600; },
                .lease_seconds = 3600,
                .run =
                    [](web::Host& host) {
                      if (auto n = host.get<Service>().purge_expired())
                        spdlog::info("deleted {} closed cases past their retention", n);
                    }}},
      // After the sessions' sweep: the key copies of the sessions it ended go too.
      .sweeps = {{"session keys", [](web::Host& host) { return host.get<Service>().sweep_session_keys(); }}},
  };
  return m;
}

}  // namespace prongsai::cases
