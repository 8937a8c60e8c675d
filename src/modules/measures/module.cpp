// The measures module's manifest: the plans against the ITA's weak points and the reports on them.
#include "modules/measures/module.hpp"

#include <algorithm>

#include "core/strings.hpp"
#include "modules/measures/report.hpp"

namespace prongsai::measures {
namespace {

// The progress reports of the year's plan, and those of last year's plan that fall in this
// year (a plan reported "in April and October" reports on its year in the next one's October).
void report_deadlines(web::Host& host, const web::DeadlineQuery& q, std::vector<web::Deadline>& out) {
  Service& measures = host.get<Service>();
  const std::string title(Strings::instance().get(q.lang, "calendar.title.plan_report"));
  for (int plan_year : {q.fy.be() - 1, q.fy.be()}) {
    auto plan = measures.plan(q.agency_id, plan_year);
    if (!plan) continue;
    for (const DueItem& item : measures.due_items(q.agency_id, plan_year, q.today)) {
      if (plan_year != q.fy.be() && !q.fy.contains(item.due)) continue;
      auto issue = std::find_if(plan->issues.begin(), plan->issues.end(),
                                [&](const StoredIssue& i) { return i.id == item.issue_id; });
      if (issue == plan->issues.end()) continue;
      bool done = item.state == DueState::done || item.state == DueState::waiting_for_review;
      out.push_back(q.make("report-" + std::to_string(item.issue_id) + "-" + calendar::iso(item.due), "plan_report",
                           item.due, done, title + " " + item.item_code,
                           "/measures/issues/" + std::to_string(item.issue_id) + "/due/" + calendar::iso(item.due),
                           issue->unit_ids));
    }
  }
}

// Reports an executive sent back since `since`: the issue's units are told (the admin when it
// has none), with the report's page.
void returned_reports(web::Host& host, std::int64_t since, std::vector<web::Arrival>& out) {
  const std::string title(Strings::instance().get(Lang::th, "alerts.returned"));
  for (const Service::Returned& r : host.get<Service>().returned_since(since))
    out.push_back({r.agency_id, "returned-" + std::to_string(r.progress_id) + "-" + std::to_string(r.reviewed_at),
                   r.reviewed_at,
                   title + " " + r.item_code + " · " + calendar::format(r.due, Lang::th, calendar::Style::long_form),
                   "/measures/issues/" + std::to_string(r.issue_id) + "/due/" + calendar::iso(r.due), r.unit_ids});
}

// The plan of the year the item is about, once an executive approved it for the public: its page
// answers the plan's item; its report (the approved plan's results) the report's item, once it
// says what was done. Dated by the latest approval, which is when the public saw the change.
web::EvidenceSource published(std::string_view role, ReportKind kind) {
  return {std::string(role), [kind](web::Host& host, const web::EvidenceQuery& q) {
            std::vector<web::ProducedEvidence> out;
            auto pub = host.get<Service>().publication(q.agency_id, q.about.be(), std::nullopt);
            if (!pub) return out;
            if (kind == ReportKind::report &&
                std::none_of(pub->plan.issues.begin(), pub->plan.issues.end(),
                             [](const StoredIssue& i) { return !i.issue.summary.empty() || !i.issue.outcome.empty(); }))
              return out;
            std::string year = std::to_string(q.about.be());
            std::string title(Strings::instance().get(q.lang, "evidence." + std::string(to_string(kind))));
            out.push_back({"", title + " " + year,
                           kind == ReportKind::plan ? "/measures/" + year : "/measures/" + year + "/files/report.pdf",
                           calendar::local_date(pub->approved_at)});
            return out;
          }};
}

// The year's plan as an executive last approved it for the public, an issue a row with its
// steps and, once written, what was done: the report's table (report.hpp), for data tools.
std::optional<web::DataTable> plan_table(web::Host& host, const web::DatasetQuery& q) {
  auto pub = host.get<Service>().publication(q.agency_id, q.year.be(), std::nullopt);
  if (!pub) return std::nullopt;
  documents::TableReport r = report_model(pub->plan, pub->agency_name, pub->units, ReportKind::report);
  return web::DataTable{documents::column_headers(r), documents::text_rows(r), calendar::local_date(pub->approved_at)};
}

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "measures",
      .after = {"accounts"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            // The real results are read through the hub, from whichever module records them.
            host.make<Service>(host.store(), host.get<accounts::Service>(), host.catalogue())
                .set_results(
                    [&host](std::int64_t agency, int year) { return web::recorded_result(host, agency, year); });
          },
      .mount =
          [](web::Host& host) {
            mount(host.router(), host.pages(), host.get<Service>(), host.get<accounts::Service>(), host.clock());
          },
      .deadlines = {{.name = "plan_report", .collect = report_deadlines, .arrivals = returned_reports}},
      .datasets = {{.name = "measures",
                    .title_key = "opendata.measures",
                    .description_key = "opendata.measures_text",
                    .keywords_key = "opendata.measures_keywords",
                    .frequency = web::Frequency::irregular,
                    .table = plan_table}},
      .evidence = {published(framework::role::measures_plan, ReportKind::plan),
                   published(framework::role::measures_report, ReportKind::report)},
      .public_links = {{"ita", "pub.measures", "/measures", 20}},
  };
  return m;
}

}  // namespace prongsai::measures
