// The operator's commands: `jobs`, `routes`, `audit verify|head`, `migrate-store`, `backup`,
// `mail`, `purge` and `links`.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/cli.hpp"
#include "http/pipeline.hpp"
#include "mail/mail.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/audit/audit.hpp"
#include "modules/cases/cases.hpp"
#include "modules/disclosure/links.hpp"
#include "modules/reminders/mailer.hpp"
#include "modules/reminders/outbox.hpp"
#include "store/jobs.hpp"

namespace prongsai::cli {

int migrate_store(const std::string& from_url, const std::string& to_url) {
  auto from = app::open_store(from_url, Clock::system(), true);
  auto to = from ? app::open_store(to_url) : Result<std::unique_ptr<store::Store>>(fail(from.error()));
  if (!from || !to) {
    spdlog::error("{}", (!from ? from.error() : to.error()).detail);
    return 1;
  }
  auto copied = (*from)->copy_all_to(**to);
  if (!copied) {
    spdlog::error("{}: {}", Strings::instance().get(locale_lang(), copied.error().message_key), copied.error().detail);
    return 1;
  }
  // For the operator's script and record, in every language: each table and its rows, then the
  // target's audit chains checked.
  for (const auto& [table, rows] : *copied) std::printf("%-20s %8lld\n", table.c_str(), static_cast<long long>(rows));
  audit::Verification v = audit::verify(**to);
  std::printf("audit log on the target: %s (%lld entries)\n", v.ok ? "OK" : v.reason.c_str(),
              static_cast<long long>(v.entries));
  return v.ok ? 0 : 1;
}

namespace {

void add_jobs_and_routes(Cli& cli) {
  CLI::App* jobs = cli.command(cli.root(), "jobs", "cli.help.jobs");
  cli.on(jobs, [&cli] {
    auto app = cli.open_or_exit();
    auto list = store::Jobs(app->store(), "").list();
    if (list.empty()) cli.say("cli.no_jobs");
    for (const auto& j : list) {
      std::cout << j.name << "\t"
                << cli.text("cli.job", {{"runs", std::to_string(j.runs)},
                                        {"node", j.node.empty() ? "-" : j.node},
                                        {"started", time_of(j.started_at, cli.lang())},
                                        {"finished", time_of(j.finished_at, cli.lang())}});
      if (j.lease_until)
        std::cout << " " << cli.text("cli.job_running", {{"until", time_of(j.lease_until, cli.lang())}});
      std::cout << "\t" << cli.text("cli.job_next", {{"at", time_of(j.next_run_at, cli.lang())}});
      if (!j.last_error.empty()) std::cout << "\t" << cli.text("cli.job_error", {{"error", j.last_error}});
      std::cout << "\n";
    }
    return 0;
  });

  CLI::App* routes = cli.command(cli.root(), "routes", "cli.help.routes");
  cli.on(routes, [&cli] {
    auto app = cli.open_or_exit();
    app->mount_routes();
    for (const http::Route& r : app->router().routes()) {  // JSON lines, for tools
      nlohmann::json line = {{"method", http::to_string(r.method)},
                             {"path", r.pattern},
                             {"access", r.access.describe()},
                             {"body", r.body.describe()},
                             {"max_body_bytes", http::body_limit(r.body, app->limits())},
                             {"anonymous", r.privacy == http::Privacy::anonymous},
                             {"cached", r.cache_public}};
      std::cout << line.dump() << "\n";
    }
    return 0;
  });
}

void add_audit(Cli& cli) {
  CLI::App* audit = cli.command(cli.root(), "audit", "cli.help.audit");
  audit->require_subcommand(1);
  CLI::App* verify = cli.command(*audit, "verify", "cli.help.audit.verify");
  CLI::App* head = cli.command(*audit, "head", "cli.help.audit.head");
  // Both print lines for monitoring scripts and notes kept outside the system, the same in
  // every language.
  auto slug = std::make_shared<std::string>();
  cli.option(verify, "--agency", *slug, "cli.help.audit.verify_agency");
  cli.on(verify, [&cli, slug] {
    auto app = cli.open_or_exit();
    std::optional<std::int64_t> agency;
    if (!slug->empty()) agency = cli.agency_or_exit(*app, *slug);
    audit::Verification v = audit::verify(app->store(), agency);
    if (v.ok) {
      std::cout << "audit log OK: " << v.entries << " entries in " << v.chains << " chains\n";
      return 0;
    }
    std::cout << "audit log BROKEN at agency " << v.broken_agency.value_or(0) << " seq " << v.broken_seq.value_or(0);
    if (v.broken_id && *v.broken_id) std::cout << " (row id " << *v.broken_id << ")";
    std::cout << ": " << v.reason << "\n";
    return 1;
  });
  cli.on(head, [&cli] {
    auto app = cli.open_or_exit();
    for (const audit::Head& h : audit::heads(app->store()))
      std::cout << "agency " << h.agency_id << " seq " << h.seq << " " << h.hash << "\n";
    return 0;
  });
}

void add_store_copies(Cli& cli) {
  struct Copies {
    std::string from, to, out;
  };
  auto s = std::make_shared<Copies>();
  CLI::App* migrate = cli.command(cli.root(), "migrate-store", "cli.help.migrate_store");
  cli.option(migrate, "--from", s->from, "cli.help.migrate_store.from")->required();
  cli.option(migrate, "--to", s->to, "cli.help.migrate_store.to")->required();
  cli.on(migrate, [s] { return migrate_store(s->from, s->to); });

  CLI::App* backup = cli.command(cli.root(), "backup", "cli.help.backup");
  cli.option(backup, "--out", s->out, "cli.help.backup.out")->required();
  cli.on(backup, [&cli, s] {
    auto store = store::Store::open(cli.options().db_url, Clock::system(), store::Store::Mode::existing);
    if (!store) return cli.report(store.error());
    if (auto held = app::holds_an_agency(**store); !held) return cli.report(held.error());
    if (auto r = (*store)->backup_to(s->out); !r) return cli.report(r.error());
    cli.say("cli.backed_up", {{"path", s->out}});
    return 0;
  });
}

void add_background_work(Cli& cli) {
  CLI::App* mail = cli.command(cli.root(), "mail", "cli.help.mail");
  cli.on(mail, [&cli] {
    if (!cli.mail_options()) return 2;
    auto app = cli.open_or_exit();
    int reminders = 0, digests = 0;
    for (std::int64_t agency : app->get<accounts::Service>().agency_ids()) {
      reminders += app->get<reminders::Mailer>().queue_reminders(agency);
      digests += app->get<reminders::Mailer>().queue_digests(agency);
    }
    int alerts = app->get<reminders::Mailer>().queue_alerts();
    // Through every messenger that is ready (the mail server of these options, LINE).
    auto sent = app->get<reminders::Outbox>().deliver(reminders::Outbox::by_messengers(app->host()));
    // For the cron log and its monitoring, the same in every language.
    std::cout << "queued " << reminders << " reminder, " << digests << " digest and " << alerts
              << " alert messages; sent " << sent.sent << ", failed " << sent.failed << " (retried later), given up "
              << sent.given_up << "\n";
    return sent.failed || sent.given_up ? 1 : 0;
  });

  CLI::App* purge = cli.command(cli.root(), "purge", "cli.help.purge");
  cli.on(purge, [&cli] {
    auto app = cli.open_or_exit();
    cli.say("cli.purged", {{"n", std::to_string(app->get<cases::Service>().purge_expired())}});
    return 0;
  });

  // The daily check of the OIT evidence's links, now (the job `oit-links` does it once a day).
  auto links_options = std::make_shared<disclosure::LinkOptions>();
  CLI::App* links = cli.command(cli.root(), "links", "cli.help.links");
  cli.option(links, "--timeout", links_options->timeout_seconds, "cli.help.links.timeout")->check(CLI::Range(1, 120));
  cli.option(links, "--max-requests", links_options->max_requests, "cli.help.links.max_requests")
      ->check(CLI::Range(1, 100000));
  cli.flag(links, "--allow-private", links_options->allow_private, "cli.help.links.allow_private");
  cli.on(links, [&cli, links_options] {
    auto app = cli.open_or_exit();
    disclosure::LinkRun r = disclosure::LinkChecker(app->store(), *links_options).run(std::time(nullptr));
    // For the cron log and its monitoring, the same in every language.
    std::cout << "checked " << r.links << " links and " << r.files << " files: " << r.failing << " failing, "
              << r.changed << " changed" << (r.stopped_early ? "; the budget ran out, the rest go first next time" : "")
              << "\n";
    return 0;
  });
}

}  // namespace

void add_operations(Cli& cli) {
  add_jobs_and_routes(cli);
  add_audit(cli);
  add_store_copies(cli);
  add_background_work(cli);
}

}  // namespace prongsai::cli
