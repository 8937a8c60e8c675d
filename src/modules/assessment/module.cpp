// The assessment module's manifest: the agency's side of the NACC's assessment round.
#include "modules/assessment/module.hpp"

#include "core/strings.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/disclosure/disclosure.hpp"

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

}  // namespace

const web::Module& manifest() {
  static const web::Module m{
      .name = "assessment",
      .after = {"accounts", "disclosure"},
      .migrations = true,
      .build =
          [](web::Host& host) {
            host.make<Answers>(host.store(), host.catalogue(), host.get<accounts::Service>(),
                               host.get<disclosure::Service>());
            host.make<Results>(host.store(), host.catalogue(), host.get<disclosure::Service>());
            host.make<Snapshots>(host.store(), host.get<accounts::Service>(), host.get<disclosure::Service>(),
                                 host.get<Answers>());
            host.make<Clarifications>(host.store(), host.catalogue(), host.get<Snapshots>());
          },
      .mount = [](web::Host& host) { mount(host); },
      .deadlines = {{.name = "clarification", .holders = http::Role::admin, .collect = clarification_deadlines}},
  };
  return m;
}

}  // namespace prongsai::assessment
