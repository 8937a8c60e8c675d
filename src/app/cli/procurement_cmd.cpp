// The procurement register from the command line: `procurement import FILE --year Y` reads the
// Comptroller General's e-GP contract data (cgdcontract JSON) into an agency's register: new
// projects are added, a changed one is shown field by field and changed only with
// --accept-changes, and a file with any fault stores nothing.
#include "app/cli/cli.hpp"
#include "modules/procurement/egp.hpp"
#include "modules/procurement/procurement.hpp"

namespace prongsai::cli {
namespace {

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
    auto projects = procurement::egp::read_cgdcontract(*content, s->year, cli.lang());
    if (!projects) return cli.report(projects.error());
    auto app = cli.open_or_exit();
    std::int64_t agency = cli.agency_or_exit(*app, s->slug);
    auto& reg = app->get<procurement::Register>();
    procurement::ImportPlan plan = reg.plan_import(agency, s->year, *projects, cli.lang());
    std::set<std::string> accept;
    if (s->accept)
      for (const auto& c : plan.changed) accept.insert(c.egp_number);
    auto r = reg.apply_import(store::Actor::cli(), agency, plan, accept);
    if (!r) return cli.report(r.error());
    cli.say("cli.procurement_imported", {{"year", std::to_string(s->year)},
                                         {"added", std::to_string(r->added)},
                                         {"unchanged", std::to_string(r->unchanged)},
                                         {"other", std::to_string(r->other_year)}});
    for (const auto& c : plan.changed) {
      cli.say(s->accept ? "cli.procurement_changed_accepted" : "cli.procurement_changed",
              {{"number", c.egp_number}, {"name", c.name}});
      for (const auto& fc : c.changes)
        cli.say("cli.procurement_change",
                {{"field", cli.text("procurement.field." + fc.field)}, {"before", fc.before}, {"after", fc.after}});
    }
    if (!plan.changed.empty() && !s->accept)
      cli.say("cli.procurement_accept_hint", {{"n", std::to_string(plan.changed.size())}});
    return 0;
  });
}

}  // namespace

void add_procurement(Cli& cli) {
  CLI::App* procurement = cli.command(cli.root(), "procurement", "cli.help.procurement");
  procurement->require_subcommand(1);
  add_import(cli, *procurement);
}

}  // namespace prongsai::cli
