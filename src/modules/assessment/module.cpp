// The assessment module's manifest: the agency's side of the NACC's assessment round.
#include "modules/assessment/module.hpp"

#include "core/strings.hpp"
#include "core/text.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/measures/measures.hpp"
#include "modules/surveys/surveys.hpp"

namespace prongsai::assessment {
namespace {

// Each disputed OIT item's clarification, due when the framework's clarification window closes,
// done once filed in ITAS. A year whose calendar has no window puts none on the calendar.
void clarification_deadlines(web::Host& host, const web::DeadlineQuery& q, std::vector<web::Deadline>& out) {
  auto round = host.get<Clarifications>().round(q.agency_id, q.fy.be());
  if (!round || !round->window) return;
  const std::string title(Strings::instance().get(q.lang, "calendar.title.clarification"));
  const std::string year = std::to_string(q.fy.be());
  for (const Clarification& c : round->items) {
    const bool done = c.sent_at != 0;
    if (!q.belongs(round->window->last, done)) continue;
    out.push_back(q.make("clarification-" + year + "-" + c.item->code, "clarification", round->window->last, done,
                         title + " " + c.item->code, "/assessment/" + year + "/clarifications#" + c.item->code));
  }
}

// The real result recorded of a year, for the pages that show Prongsai's estimates.
std::optional<web::RecordedResult> recorded_result(web::Host& host, std::int64_t agency_id, int year) {
  Results& results = host.get<Results>();
  std::vector<int> years = results.years_with_results(agency_id);
  if (std::find(years.begin(), years.end(), year) == years.end()) return std::nullopt;
  auto r = results.result(agency_id, year, calendar::local_date(host.clock().now()), {});
  if (!r) return std::nullopt;
  web::RecordedResult out{year, r->total, r->level, r->final, {}};
  for (const ToolResult& t : r->tools)
    if (t.real) out.tools[t.code] = *t.real;
  return out;
}

// On the registry's page of an item: its evidence changed after the answers were sent, and the
// assessors judge what the snapshot of that day kept.
std::vector<web::EvidenceNote> changed_since_sent(web::Host& host, std::int64_t agency_id, int year,
                                                  const std::string& code, Lang lang) {
  Snapshots& snapshots = host.get<Snapshots>();
  auto latest = snapshots.latest(agency_id, year);
  if (!latest) return {};
  if (!snapshots.changed_since(*latest, agency_id, calendar::local_date(host.clock().now())).contains(code)) return {};
  const Strings& s = Strings::instance();
  return {{text::fill(std::string(s.get(lang, "assessment.changed_note")), "date",
                      calendar::format(latest->taken_on, lang, calendar::Style::long_form)),
           "/ita/" + std::to_string(year) + "/snapshot/" + latest->slug + "#" + code,
           std::string(s.get(lang, "assessment.changed_note_link"))}};
}

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "assessment",
      .after = {"accounts", "disclosure", "measures", "surveys"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            host.make<Answers>(host.store(), host.catalogue(), host.get<accounts::Service>(),
                               host.get<disclosure::Service>());
            host.make<Results>(host.store(), host.catalogue(), host.get<disclosure::Service>());
            host.make<Snapshots>(host.store(), host.get<accounts::Service>(), host.get<disclosure::Service>(),
                                 host.get<Answers>());
            host.make<Clarifications>(host.store(), host.catalogue(), host.get<Snapshots>());
            host.make<Losses>(host.store(), host.catalogue(), host.get<accounts::Service>(), host.get<Results>(),
                              host.get<surveys::Service>(), host.get<measures::Service>());
          },
      .mount = [](web::Host& host) { mount(host); },
      .deadlines = {{.name = "clarification", .holders = http::Role::admin, .collect = clarification_deadlines}},
      .evidence_notes = changed_since_sent,
      .recorded_results = recorded_result,
  };
  return m;
}

}  // namespace prongsai::assessment
