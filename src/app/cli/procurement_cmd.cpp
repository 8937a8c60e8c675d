// The procurement register from the command line: `procurement import FILE --year Y` reads the
// Comptroller General's e-GP contract data (cgdcontract JSON) into an agency's register: new
// projects are added, a changed one is shown field by field and changed only with
// --accept-changes, and a file with any fault stores nothing; `procurement fetch --dept-code
// --year --api-key-file` does the same with what the service answers. `report procurement --year Y
// [--month M]` writes a month's summary (แบบ สขร.1), or without --month the year's report, as
// PDF, XLSX or CSV.
#include "app/cli/cli.hpp"
#include "core/text.hpp"
#include "documents/table_report.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/procurement/egp.hpp"
#include "modules/procurement/fetch.hpp"
#include "modules/procurement/procurement.hpp"
#include "modules/procurement/publish.hpp"
#include "modules/procurement/summary.hpp"

namespace prongsai::cli {
namespace {

// The file's projects planned against the register and applied (changed ones only with
// --accept-changes), then what was done said.
int import_projects(Cli& cli, const std::vector<procurement::Project>& projects, int year, const std::string& slug,
                    bool accept_changes) {
  auto app = cli.open_or_exit();
  std::int64_t agency = cli.agency_or_exit(*app, slug);
  auto& reg = app->get<procurement::Register>();
  procurement::ImportPlan plan = reg.plan_import(agency, year, projects, cli.lang());
  std::set<std::string> accept;
  if (accept_changes)
    for (const auto& c : plan.changed) accept.insert(c.egp_number);
  auto r = reg.apply_import(store::Actor::cli(), agency, plan, accept);
  if (!r) return cli.report(r.error());
  cli.say("cli.procurement_imported", {{"year", std::to_string(year)},
                                       {"added", std::to_string(r->added)},
                                       {"unchanged", std::to_string(r->unchanged)},
                                       {"other", std::to_string(r->other_year)}});
  for (const auto& c : plan.changed) {
    cli.say(accept_changes ? "cli.procurement_changed_accepted" : "cli.procurement_changed",
            {{"number", c.egp_number}, {"name", c.name}});
    for (const auto& fc : c.changes)
      cli.say("cli.procurement_change",
              {{"field", cli.text("procurement.field." + fc.field)}, {"before", fc.before}, {"after", fc.after}});
  }
  if (!plan.changed.empty() && !accept_changes)
    cli.say("cli.procurement_accept_hint", {{"n", std::to_string(plan.changed.size())}});
  return 0;
}

void add_import(Cli& cli, CLI::App& procurement) {
  struct Import {
    std::string file, slug;
    int year = 0;
    bool accept = false;
  };
  auto s = std::make_shared<Import>();
  CLI::App* import = cli.command(procurement, "import", "cli.help.procurement.import");
  cli.option(import, "FILE", s->file, "cli.help.procurement.import.file")->required();
  cli.option(import, "--year", s->year, "cli.help.procurement.import.year")->required()->check(CLI::Range(2500, 2700));
  cli.option(import, "--agency", s->slug, "cli.help.agency_option");
  cli.flag(import, "--accept-changes", s->accept, "cli.help.procurement.import.accept");
  cli.on(import, [&cli, s] {
    auto content = cli.read_input(s->file);
    if (!content) return 1;
    auto projects = procurement::egp::read_any(*content, s->year, cli.lang());
    if (!projects) return cli.report(projects.error());
    return import_projects(cli, *projects, s->year, s->slug, s->accept);
  });
}

// `procurement fetch`: the same, from the service itself.
void add_fetch(Cli& cli, CLI::App& procurement) {
  struct Fetch {
    procurement::egp::FetchOptions options;
    std::string key_file, slug;
    bool accept = false;
  };
  auto s = std::make_shared<Fetch>();
  CLI::App* fetch = cli.command(procurement, "fetch", "cli.help.procurement.fetch");
  cli.option(fetch, "--dept-code", s->options.dept_code, "cli.help.procurement.fetch.dept")->required();
  cli.option(fetch, "--year", s->options.year, "cli.help.procurement.import.year")
      ->required()
      ->check(CLI::Range(2500, 2700));
  cli.option(fetch, "--api-key-file", s->key_file, "cli.help.procurement.fetch.key")->required();
  cli.option(fetch, "--url", s->options.url, "cli.help.procurement.fetch.url");
  cli.option(fetch, "--limit", s->options.limit, "cli.help.procurement.fetch.limit")->check(CLI::Range(1, 5000));
  cli.option(fetch, "--agency", s->slug, "cli.help.agency_option");
  cli.flag(fetch, "--accept-changes", s->accept, "cli.help.procurement.import.accept");
  cli.on(fetch, [&cli, s] {
    if (s->options.dept_code.empty() || s->options.dept_code.find_first_not_of("0123456789") != std::string::npos)
      return cli.report(Error::invalid_field("dept_code", "cli.procurement_dept_code"));
    auto key = cli.read_input(s->key_file);
    if (!key) return 1;
    s->options.api_key = std::string(text::trim(*key));
    if (s->options.api_key.empty() || s->options.api_key.find_first_of("\r\n") != std::string::npos)
      return cli.report(Error::invalid_field("api_key", "cli.procurement_api_key"));
    auto fetched = procurement::egp::fetch_cgdcontract(s->options, cli.lang());
    if (!fetched) return cli.report(fetched.error());
    cli.note("cli.procurement_fetched",
             {{"projects", std::to_string(fetched->projects)}, {"pages", std::to_string(fetched->pages)}});
    if (fetched->repeated) cli.note("cli.procurement_fetch_repeated");
    auto projects = procurement::egp::read_cgdcontract(fetched->document, s->options.year, cli.lang());
    if (!projects) return cli.report(projects.error());
    return import_projects(cli, *projects, s->options.year, s->slug, s->accept);
  });
}

// Under `report` (documents_cmd.cpp's family, added before this one).
void add_report(Cli& cli) {
  struct Report {
    int year = 0, month = 0;
    std::string format = "pdf", out, slug;
  };
  auto s = std::make_shared<Report>();
  CLI::App* report = cli.root().get_subcommand("report");
  CLI::App* k = cli.command(*report, "procurement", "cli.help.report.procurement");
  cli.option(k, "--year", s->year, "cli.help.report.year")->required()->check(CLI::Range(2500, 2700));
  cli.option(k, "--month", s->month, "cli.help.report.procurement.month")->check(CLI::Range(1, 12));
  cli.option(k, "--format", s->format, "cli.help.report.format")->check(CLI::IsMember({"pdf", "xlsx", "csv"}));
  cli.option(k, "--out", s->out, "cli.help.out")->required();
  cli.option(k, "--agency", s->slug, "cli.help.agency_option");
  cli.on(k, [&cli, s] {
    auto app = cli.open_or_exit();
    std::int64_t agency = cli.agency_or_exit(*app, s->slug);
    auto named = app->get<accounts::Service>().agency(agency);
    if (!named) return cli.report(named.error());
    auto& reg = app->get<procurement::Register>();
    const calendar::Date today = calendar::local_date(Clock::system().now());
    documents::TableReport model;
    if (s->month) {
      // --month is the calendar month (10 = October); the fiscal year's month follows from it.
      const int index = calendar::FiscalYear::month_index(static_cast<unsigned>(s->month));
      model = procurement::monthly_summary(procurement::of_month(reg.projects(agency, s->year), s->year, index),
                                           s->year, index, named->name_th, cli.lang(), today);
    } else {
      // The year's report, with the texts of its latest publication (none before it is published).
      auto published = app->get<procurement::Summaries>().published_year(agency, s->year);
      model = procurement::annual_report(reg.projects(agency, s->year), s->year, named->name_th,
                                         published ? published->texts : procurement::AnnualTexts{}, cli.lang(), today);
    }
    std::string bytes = s->format == "csv"    ? documents::render_csv(model)
                        : s->format == "xlsx" ? documents::render_xlsx(model)
                                              : documents::render_pdf(model);
    if (int r = cli.write_or_say(s->out, bytes); r != 0) return r;
    if (s->out != "-") cli.note("cli.written", {{"path", s->out}});
    return 0;
  });
}

}  // namespace

void add_procurement(Cli& cli) {
  CLI::App* procurement = cli.command(cli.root(), "procurement", "cli.help.procurement");
  procurement->require_subcommand(1);
  add_import(cli, *procurement);
  add_fetch(cli, *procurement);
  add_report(cli);
}

}  // namespace prongsai::cli
