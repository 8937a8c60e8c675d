// LINE's manifest: the official account's setup and webhook, the staff's links, and the outbox's
// "line" messenger (a push to a linked staff member or a citizen who came from the chat).
#include "modules/line/module.hpp"

#include <spdlog/spdlog.h>

#include "modules/accounts/accounts.hpp"

namespace prongsai::line {

const web::Module& manifest() {
  static const web::Module m{
      .name = "line",
      .after = {"accounts"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            Service& line = host.make<Service>(host.store(), host.clock(), host.get<accounts::Service>(),
                                               host.get<web::Settings>().line_api_url);
            // A form may offer LINE to a citizen whose browser came through the chat's start link.
            host.get<web::Notify>().came_through = [&line](const http::Request& req) -> std::optional<web::Recipient> {
              auto token = start_token(req);
              if (!token) return std::nullopt;
              auto user = line.start_user(req.agency_id, *token);
              if (!user) return std::nullopt;
              return web::Recipient{"line", *user};
            };
          },
      .mount =
          [](web::Host& host) {
            mount(host);
            host.pages().add_menu({"menu.line", "/admin/line", http::Access::roles({http::Role::admin}), "settings"});
          },
      .sweeps = {{"LINE link codes, start links and events",
                  [](web::Host& host) { return host.get<Service>().sweep(); }}},
      .personal_data = {{.name = "line",
                         .what_key = "privacy.use.line",
                         .fields_key = "privacy.fields.line",
                         .purpose_key = "privacy.purpose.line",
                         .basis = "consent",
                         .readers_key = "privacy.readers.line",
                         .kept = web::said("privacy.kept.line"),
                         .order = 80}},
      .cookies = {{"prongsai_line", "cookies.purpose.line_start", "cookies.lasts.day"}},
      .messengers = {{.channel = "line",
                      .ready = [](web::Host& host, std::int64_t agency) { return host.get<Service>().ready(agency); },
                      .staff = [](web::Host& host, std::int64_t agency) { return host.get<Service>().staff(agency); },
                      .send =
                          [](web::Host& host, const web::Outgoing& m) {
                            return host.get<Service>().push(m.agency_id, m.to, m.body, retry_key(m.agency_id, m.id));
                          }}},
  };
  return m;
}

}  // namespace prongsai::line
