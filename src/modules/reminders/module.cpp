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
            host.make<Mailer>(host, calendar, host.store(), host.clock(), host.get<web::Settings>().public_url);
            host.make<Smtp>(host.get<mail::Config>());
            // Every module's citizens' messages go through this outbox.
            auto& notify = host.get<web::Notify>();
            notify.to_citizen = [](store::WriteTx& tx, std::int64_t agency_id, const std::string& key,
                                   const web::Recipient& to, const std::string& subject, const std::string& body) {
              Outbox::enqueue_citizen(tx, agency_id, key, to, subject, body);
            };
            // Links go to the agency's own host when it has one, else to --public-url.
            notify.origin = [&host](std::int64_t agency_id) {
              std::string base = host.get<web::Settings>().public_url;
              auto agency = host.get<accounts::Service>().agency(agency_id);
              if (agency && agency->host && !agency->host->empty())
                return (base.starts_with("http://") ? "http://" : "https://") + *agency->host;
              return base;
            };
            notify.ready = [&host](std::int64_t agency_id, const std::string& channel) {
              const web::Messenger* messenger = Outbox::messenger(host, channel);
              return messenger && messenger->ready(host, agency_id);
            };
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
               .due = [](web::Host&, std::int64_t now) -> std::optional<std::int64_t> {
                 if (!Mailer::queue_hours(now)) return std::nullopt;
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
                         spdlog::info("agency {}: {} reminder and {} digest messages queued", agency, reminders,
                                      digests);
                     }
                   }},
              // Work that arrived: every minute, once for the installation.
              {.name = "queue-alerts",
               .due = [](web::Host&, std::int64_t now) -> std::optional<std::int64_t> { return now + 60; },
               .lease_seconds = 300,
               .run =
                   [](web::Host& host) {
                     if (int n = host.get<Mailer>().queue_alerts()) spdlog::info("{} alerts queued", n);
                   }},
              // Sending is shared: each node claims messages one by one, none goes twice.
              {.name = "send-mail",
               .run = [](web::Host& host) { host.get<Outbox>().deliver(Outbox::by_messengers(host)); }},
          },
      .sweeps = {{"alerts told a week ago", [](web::Host& host) { return host.get<Mailer>().sweep_alerts(); }}},
      .messengers = {{.channel = "mail",
                      .ready = [](web::Host& host, std::int64_t) { return host.get<Smtp>().transport.has_value(); },
                      .staff =
                          [](web::Host& host, std::int64_t agency_id) {
                            std::map<std::int64_t, std::string> out;
                            for (const accounts::User& u : host.get<accounts::Service>().users(agency_id))
                              if (u.active && mail::plausible_address(u.email)) out[u.id] = u.email;
                            return out;
                          },
                      .send = [](web::Host& host, const web::Outgoing& m) -> Result<void> {
                        auto& smtp = host.get<Smtp>().transport;
                        if (!smtp)
                          return fail(Error::make(ErrorKind::unavailable, "error.unavailable", "no mail server"));
                        return smtp->send({m.to, m.subject, m.body});
                      }}},
  };
  return m;
}

}  // namespace prongsai::reminders
