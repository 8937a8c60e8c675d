// `prongsai framework check|export|import`: the ITA framework catalogue of the installation.
#include <sstream>

#include "app/cli/cli.hpp"
#include "framework/framework.hpp"
#include "modules/frameworks/frameworks.hpp"

namespace prongsai::cli {

void add_framework(Cli& cli) {
  struct Framework {
    int year = 0, version = -1;
    std::string file, out = "-", note;
  };
  auto s = std::make_shared<Framework>();
  CLI::App* framework = cli.command(cli.root(), "framework", "cli.help.framework");
  framework->require_subcommand(1);
  CLI::App* check = cli.command(*framework, "check", "cli.help.framework.check");
  CLI::App* exported = cli.command(*framework, "export", "cli.help.framework.export");
  cli.option(exported, "--year", s->year, "cli.help.framework.year")->required();
  cli.option(exported, "--version", s->version, "cli.help.framework.version");
  cli.option(exported, "--out", s->out, "cli.help.out_default_stdout");
  CLI::App* imported = cli.command(*framework, "import", "cli.help.framework.import");
  cli.option(imported, "FILE", s->file, "cli.help.framework.file")->required();
  cli.option(imported, "--note", s->note, "cli.help.framework.note");

  cli.on(check, [&cli] {
    auto catalogue = framework::Catalogue::load(cli.options().framework_dir);
    if (!catalogue) return cli.complain("cli.framework_unreadable", {{"detail", catalogue.error().detail}});
    for (int y : catalogue->years()) {
      const auto* f = catalogue->year(y);
      std::ostringstream pass;
      pass << f->pass_mark;
      cli.say(f->provisional ? "cli.framework_year_provisional" : "cli.framework_year",
              {{"year", std::to_string(y)},
               {"items", std::to_string(f->items.size())},
               {"pass", pass.str()},
               {"results", cli.text(f->levels.empty() ? "cli.framework_grades" : "cli.framework_levels")}});
    }
    return 0;
  });
  cli.on(exported, [&cli, s] {
    auto app = cli.open_or_exit();
    auto text = app->get<frameworks::Service>().export_year(
        s->year, s->version >= 0 ? std::optional<int>(s->version) : std::nullopt);
    if (!text) return cli.report(text.error());
    return cli.write_or_say(s->out, *text);
  });
  cli.on(imported, [&cli, s] {
    auto content = cli.read_input(s->file);
    if (!content) return 1;
    auto app = cli.open_or_exit();
    auto v = app->get<frameworks::Service>().publish(store::Actor::cli(), *content, s->file, s->note);
    if (!v) return cli.report(v.error());
    cli.say("cli.framework_published", {{"year", std::to_string(v->year)}, {"version", std::to_string(v->version)}});
    return 0;
  });
}

}  // namespace prongsai::cli
