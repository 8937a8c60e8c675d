// An agency's documents from the command line: `import report`, `report plan|report`,
// `export ita-urls`, and `demo` (the current year's example data).
#include "app/cli/cli.hpp"
#include "app/demo.hpp"
#include "core/thai_calendar.hpp"
#include "documents/table_report.hpp"
#include "modules/assessment/assessment.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/measures/measures.hpp"

namespace prongsai::cli {
namespace {

void add_import(Cli& cli) {
  struct Import {
    std::string file, slug;
    int year = 0;
  };
  auto s = std::make_shared<Import>();
  CLI::App* import = cli.command(cli.root(), "import", "cli.help.import");
  import->require_subcommand(1);
  CLI::App* report = cli.command(*import, "report", "cli.help.import.report");
  report->alias("o43");
  cli.option(report, "FILE", s->file, "cli.help.import.report.file")->required();
  cli.option(report, "--year", s->year, "cli.help.import.report.year")->required();
  cli.option(report, "--agency", s->slug, "cli.help.agency_option");
  cli.on(report, [&cli, s] {
    auto content = cli.read_input(s->file);
    if (!content) return 1;
    auto app = cli.open_or_exit();
    auto r = app->get<measures::Service>().import_o43(store::Actor::cli(), cli.agency_or_exit(*app, s->slug), s->year,
                                                      *content);
    if (!r) return cli.report(r.error());
    cli.say("cli.report_imported", {{"year", std::to_string(s->year)}, {"n", std::to_string(r->issues)}});
    for (const auto& l : r->lint)
      cli.say("cli.import_note", {{"line", std::to_string(l.line)}, {"message", l.message}});
    return 0;
  });
}

void add_report(Cli& cli) {
  struct Report {
    int year = 0;
    std::string format = "pdf", out, slug;
  };
  auto s = std::make_shared<Report>();
  CLI::App* report = cli.command(cli.root(), "report", "cli.help.report");
  report->require_subcommand(1);
  for (const char* kind : {"plan", "report"}) {
    bool plan = std::string_view(kind) == "plan";
    CLI::App* k = cli.command(*report, kind, plan ? "cli.help.report.plan" : "cli.help.report.report");
    k->alias(plan ? "o42" : "o43");
    cli.option(k, "--year", s->year, "cli.help.report.year")->required();
    cli.option(k, "--format", s->format, "cli.help.report.format")
        ->check(CLI::IsMember({"pdf", "docx", "xlsx", "html"}));
    cli.option(k, "--out", s->out, "cli.help.out")->required();
    cli.option(k, "--agency", s->slug, "cli.help.agency_option");
    cli.on(k, [&cli, s, k] {
      measures::ReportKind kind = measures::ReportKind::report;
      documents::Format format = documents::Format::pdf;
      measures::parse_report_kind(k->get_name(), kind);
      documents::parse_format(s->format, format);
      auto app = cli.open_or_exit();
      auto model = app->get<measures::Service>().report(cli.agency_or_exit(*app, s->slug), s->year, kind);
      if (!model) return cli.report(model.error());
      if (int r = cli.write_or_say(s->out, documents::render(*model, format)); r != 0) return r;
      if (s->out != "-") cli.note("cli.written", {{"path", s->out}});
      return 0;
    });
  }
}

void add_export(Cli& cli) {
  struct Export {
    int year = 0;
    std::string base, out = "-", slug, format = "csv";
  };
  auto s = std::make_shared<Export>();
  CLI::App* exports = cli.command(cli.root(), "export", "cli.help.export");
  exports->require_subcommand(1);
  CLI::App* urls = cli.command(*exports, "ita-urls", "cli.help.export.ita_urls");
  cli.option(urls, "--year", s->year, "cli.help.export.year")->required();
  cli.option(urls, "--base-url", s->base, "cli.help.export.base_url")->required();
  cli.option(urls, "--out", s->out, "cli.help.out_default_stdout");
  cli.option(urls, "--agency", s->slug, "cli.help.agency_option");
  cli.on(urls, [&cli, s] {
    auto app = cli.open_or_exit();
    auto csv = app->get<disclosure::Service>().ita_urls_csv(cli.agency_or_exit(*app, s->slug), s->year, s->base);
    if (!csv) return cli.report(csv.error());
    return cli.write_or_say(s->out, *csv);
  });

  CLI::App* answers = cli.command(*exports, "ita-answers", "cli.help.export.ita_answers");
  cli.option(answers, "--year", s->year, "cli.help.export.year")->required();
  cli.option(answers, "--base-url", s->base, "cli.help.export.base_url")->required();
  cli.option(answers, "--format", s->format, "cli.help.export.answers_format")
      ->check(CLI::IsMember({"csv", "xlsx", "pdf"}));
  cli.option(answers, "--out", s->out, "cli.help.out_default_stdout");
  cli.option(answers, "--agency", s->slug, "cli.help.agency_option");
  cli.on(answers, [&cli, s] {
    auto app = cli.open_or_exit();
    std::int64_t agency = cli.agency_or_exit(*app, s->slug);
    auto sheet = app->get<assessment::Answers>().sheet(agency, s->year, s->base,
                                                       calendar::local_date(Clock::system().now()), Lang::th);
    if (!sheet) return cli.report(sheet.error());
    if (s->format == "csv") return cli.write_or_say(s->out, assessment::answers_csv(*sheet, Lang::th));
    documents::Format format = documents::Format::pdf;
    documents::parse_format(s->format, format);  // xlsx or pdf: --format's check let nothing else through
    return cli.write_or_say(s->out, documents::render(assessment::answer_report(*sheet, Lang::th), format));
  });
}

void add_demo(Cli& cli) {
  struct Demo {
    std::string slug, as_of;
  };
  auto s = std::make_shared<Demo>();
  CLI::App* demo = cli.command(cli.root(), "demo", "cli.help.demo");
  cli.option(demo, "--agency", s->slug, "cli.help.agency_option");
  cli.option(demo, "--as-of", s->as_of, "cli.help.demo.as_of");
  cli.on(demo, [&cli, s] {
    std::int64_t now = Clock::system().now();
    if (!s->as_of.empty()) {
      auto day = calendar::parse_iso(s->as_of);
      if (!day || calendar::start_of_day(*day) > now) return cli.complain("cli.bad_as_of", {{"value", s->as_of}}, 2);
      now = std::min(now, calendar::start_of_day(*day) + 12 * 3600);
    }
    ManualClock clock(now);
    auto app = cli.open_or_exit(clock);
    auto r = app::fill_demo_year(*app, clock, cli.agency_or_exit(*app, s->slug), now);
    if (!r) return cli.report(r.error());
    cli.say("cli.demo_filled", {{"year", std::to_string(r->year)},
                                {"responses", std::to_string(r->survey_responses)},
                                {"issues", std::to_string(r->plan_issues)},
                                {"reports", std::to_string(r->progress_reports)},
                                {"entries", std::to_string(r->oit_entries)}});
    return 0;
  });
}

}  // namespace

void add_documents(Cli& cli) {
  add_import(cli);
  add_demo(cli);
  add_report(cli);
  add_export(cli);
}

}  // namespace prongsai::cli
