// The reminders module's manifest: the deadline calendar (a hub: it reads every module's
// deadline sources), its feeds, and the e-mail it queues and sends.
#include "modules/reminders/module.hpp"

#include <spdlog/spdlog.h>

namespace prongsai::reminders {
namespace {

// The SMTP server e-mail goes through, when one was given (serve --smtp-url).
struct Smtp {
  explicit Smtp(const mail::Config& config) {
    if (config.enabled()) transport.emplace(config);
  }
  std::optional<mail::SmtpTransport> transport;
};

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "reminders",
      .after = {"accounts"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            auto& accounts = host.get<accounts::Service>();
            auto& calendar = host.make<Calendar>(host.store(), host, accounts, host.clock());
            host.make<Feeds>(host.store(), accounts);
            host.make<Outbox>(host.store(), host.clock());
            host.make<Mailer>(calendar, host.store(), host.clock(), host.get<web::Settings>().public_url);
            host.make<Smtp>(host.get<mail::Config>());
          },
      .mount =
          [](web::Host& host) {
            mount(host.router(), host.pages(),
                  Deps{host.get<Calendar>(), host.get<Feeds>(), host.get<Mailer>(), host.get<Outbox>(),
                       host.get<mail::Config>().enabled()});
          },
      .jobs =
          {
              // Reminders and digests, hourly from 07:00 Thailand time, once for the installation.
              {.name = "queue-mail",
               .due = [](web::Host& host, std::int64_t now) -> std::optional<std::int64_t> {
                 if (!host.get<Smtp>().transport || !Mailer::queue_hours(now)) return std::nullopt;
                 return Mailer::next_queue_run(now);
               },
               .lease_seconds = 1800,
               .run =
                   [](web::Host& host) {
                     Mailer& mailer = host.get<Mailer>();
                     for (std::int64_t agency : host.get<accounts::Service>().agency_ids()) {
                       int reminders = mailer.queue_reminders(agency);
                       int digests = mailer.queue_digests(agency);
                       if (reminders || digests)
                         spdlog::info("agency {}: {} reminder and {} digest e-mails queued", agency, reminders,
                                      digests);
                     }
                   }},
              // Sending is shared: each node claims messages one by one, none goes twice.
              {.name = "send-mail",
               .run =
                   [](web::Host& host) {
                     if (auto& smtp = host.get<Smtp>().transport) host.get<Outbox>().deliver(*smtp);
                   }},
          },
  };
  return m;
}

}  // namespace prongsai::reminders
