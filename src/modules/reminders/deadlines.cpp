#include "modules/reminders/deadlines.hpp"

#include <algorithm>

#include "core/strings.hpp"
#include "core/text.hpp"
#include "core/working_days.hpp"
#include "modules/disclosure/readiness.hpp"

namespace prongsai::reminders {
namespace {

using http::Role;

constexpr std::string_view kSources[] = {"plan_report", "oit",      "request", "complaint",
                                         "corruption",  "question", "survey"};
constexpr std::string_view kStates[] = {"upcoming", "due_today", "overdue", "done"};

constexpr std::string_view kSettings =
    "SELECT complaint_days, question_days, days_before FROM reminder_settings WHERE agency_id = ?";
constexpr std::string_view kSetSettings =
    "INSERT INTO reminder_settings (agency_id, complaint_days, question_days, days_before) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (agency_id) DO UPDATE SET complaint_days = excluded.complaint_days, "
    "question_days = excluded.question_days, days_before = excluded.days_before";

std::string t(Lang lang, std::string_view key) { return std::string(Strings::instance().get(lang, key)); }

bool has_any(const http::RoleSet& roles, std::initializer_list<Role> any) {
  return std::any_of(any.begin(), any.end(), [&](Role r) { return roles.has(r); });
}

bool shares_unit(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
  return std::any_of(a.begin(), a.end(), [&](std::int64_t u) { return std::find(b.begin(), b.end(), u) != b.end(); });
}

}  // namespace

std::string_view to_string(Source s) { return kSources[static_cast<int>(s)]; }
std::string_view to_string(State s) { return kStates[static_cast<int>(s)]; }

State state_of(calendar::Date due, bool done, calendar::Date today) {
  if (done) return State::done;
  if (due == today) return State::due_today;
  return due < today ? State::overdue : State::upcoming;
}

Scope scope_of(const http::Principal& p, const std::vector<std::int64_t>& unit_ids) {
  Scope s;
  s.kind = Scope::Kind::user;
  s.roles = p.roles;
  s.unit_ids = unit_ids;
  return s;
}

bool visible(const Deadline& d, const Scope& s) {
  switch (s.kind) {
    case Scope::Kind::agency: return true;
    case Scope::Kind::unit:
      return s.unit_id && std::find(d.unit_ids.begin(), d.unit_ids.end(), *s.unit_id) != d.unit_ids.end();
    case Scope::Kind::user: break;
  }
  if (has_any(s.roles, {Role::admin, Role::executive})) return true;
  switch (d.source) {
    case Source::plan_report:
    case Source::oit:
    case Source::request: return shares_unit(d.unit_ids, s.unit_ids);
    case Source::complaint:
    case Source::question: return s.roles.has(Role::complaint_officer);
    case Source::corruption: return s.roles.has(Role::corruption_officer);
    case Source::survey: return false;
  }
  return false;
}

Settings Calendar::settings(std::int64_t agency_id) {
  auto row = store_.read([&](store::ReadTx& tx) { return tx.query_one(kSettings, {agency_id}); });
  Settings s;
  if (row) {
    s.complaint_days = static_cast<int>(row->integer("complaint_days"));
    s.question_days = static_cast<int>(row->integer("question_days"));
    s.days_before = static_cast<int>(row->integer("days_before"));
  }
  return s;
}

Result<void> Calendar::set_settings(const http::Principal& by, std::string_view complaint_days,
                                    std::string_view question_days, std::string_view days_before) {
  if (!by.roles.has(Role::admin)) return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not an admin"));
  auto days = [](std::string_view raw, const char* field, int max) -> Result<int> {
    auto v = text::parse_id(text::trim(raw));
    if (!v || *v < kMinTargetDays || *v > max) return fail(Error::invalid_field(field, "calendar.days_range"));
    return static_cast<int>(*v);
  };
  auto complaints = days(complaint_days, "complaint_days", kMaxTargetDays);
  if (!complaints) return fail(complaints.error());
  auto questions = days(question_days, "question_days", kMaxTargetDays);
  if (!questions) return fail(questions.error());
  auto before_days = days(days_before, "days_before", kMaxDaysBefore);
  if (!before_days) return fail(before_days.error());
  Settings before = settings(by.agency_id);
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change::update(
                 by.agency_id, "reminder_settings", by.agency_id,
                 {{"complaint_days", before.complaint_days},
                  {"question_days", before.question_days},
                  {"days_before", before.days_before}},
                 {{"complaint_days", *complaints}, {"question_days", *questions}, {"days_before", *before_days}}),
             kSetSettings,
             {by.agency_id, std::int64_t{*complaints}, std::int64_t{*questions}, std::int64_t{*before_days}});
    return ok();
  });
}

std::vector<Deadline> Calendar::build(std::int64_t agency_id, calendar::FiscalYear fy, calendar::Date today, Lang lang,
                                      const Scope& scope) {
  std::vector<Deadline> out;
  const calendar::Period year = fy.period();
  // Open work past its day stays on the calendar of the year we are in, however old.
  const bool current = year.contains(today);
  auto belongs = [&](calendar::Date due, bool done) { return year.contains(due) || (current && !done && due < today); };
  auto add = [&](Deadline d) {
    if (visible(d, scope)) out.push_back(std::move(d));
  };

  // Progress reports of the year's plan, and those of last year's plan that fall in this year
  // (a plan reported "in April and October" reports on its year in the next one's October).
  for (int plan_year : {fy.be() - 1, fy.be()}) {
    auto plan = measures_.plan(agency_id, plan_year);
    if (!plan) continue;
    for (const measures::DueItem& item : measures_.due_items(agency_id, plan_year, today)) {
      if (plan_year != fy.be() && !year.contains(item.due)) continue;
      auto issue = std::find_if(plan->issues.begin(), plan->issues.end(),
                                [&](const measures::StoredIssue& i) { return i.id == item.issue_id; });
      if (issue == plan->issues.end()) continue;
      bool done = item.state == measures::DueState::done || item.state == measures::DueState::waiting_for_review;
      add({"report-" + std::to_string(item.issue_id) + "-" + calendar::iso(item.due), Source::plan_report, item.due,
           state_of(item.due, done, today), t(lang, "calendar.title.plan_report") + " " + item.item_code,
           "/measures/issues/" + std::to_string(item.issue_id) + "/due/" + calendar::iso(item.due), issue->unit_ids});
    }
  }

  // OIT evidence, period by period.
  if (auto reg = disclosure_.registry(agency_id, fy.be(), today, lang)) {
    const framework::Framework* f = reg->framework;
    calendar::Date collection_closes = f && f->oit_collection ? f->oit_collection->closes : year.last;
    for (const disclosure::ItemState& item : reg->items) {
      std::vector<std::int64_t> units;
      if (item.unit_id) units.push_back(*item.unit_id);
      for (const disclosure::Slot& slot : item.slots) {
        bool yearly = slot.period.empty();
        calendar::Date due = yearly ? collection_closes : slot.span.last;
        std::string label = yearly ? "" : " (" + disclosure::period_label(slot.period, lang) + ")";
        add({"oit-" + std::to_string(fy.be()) + "-" + item.item->code + (yearly ? "" : "-" + slot.period), Source::oit,
             due, state_of(due, !slot.entries.empty(), today),
             t(lang, "calendar.title.oit") + " " + item.item->code + label,
             "/disclosure/" + std::to_string(fy.be()) + "/" + item.item->code, units});
      }
    }
  }

  // Open cases: requests by their target day, complaints within the agency's working days.
  Settings targets = settings(agency_id);
  calendar::WorkingDays wd = holidays_.working_days(agency_id);
  for (const cases::OpenCase& c : cases_.open_cases(agency_id)) {
    calendar::Date received = calendar::local_date(c.created_at);
    Deadline d;
    d.uid = "case-" + std::to_string(c.id);
    if (c.channel == cases::Channel::request) {
      auto due = calendar::parse_iso(c.due_day);
      if (!due) continue;
      d.source = Source::request;
      d.due = *due;
      d.title = t(lang, "calendar.title.request") + " #" + std::to_string(c.id);
      d.href = "/requests/" + std::to_string(c.id);
      if (c.unit_id) d.unit_ids.push_back(*c.unit_id);
    } else {
      d.source = c.channel == cases::Channel::corruption ? Source::corruption : Source::complaint;
      d.due = wd.add(received, targets.complaint_days);
      d.title =
          t(lang, std::string("calendar.title.") + std::string(to_string(d.source))) + " #" + std::to_string(c.id);
      d.href = "/complaints/cases/" + std::to_string(c.id);
    }
    if (!belongs(d.due, false)) continue;
    d.state = state_of(d.due, false, today);
    add(std::move(d));
  }
  for (const auto& [id, asked_at] : questions_.waiting(agency_id)) {
    calendar::Date due = wd.add(calendar::local_date(asked_at), targets.question_days);
    if (!belongs(due, false)) continue;
    add({"question-" + std::to_string(id),
         Source::question,
         due,
         state_of(due, false, today),
         t(lang, "calendar.title.question") + " #" + std::to_string(id),
         "/qa/manage/" + std::to_string(id),
         {}});
  }

  // Surveys closing in the year: done once closed.
  for (const surveys::Survey& s : surveys_.closing(agency_id, year)) {
    add({"survey-" + std::to_string(s.id),
         Source::survey,
         s.closes_on,
         state_of(s.closes_on, s.closes_on < today, today),
         t(lang, "calendar.title.survey") + " " + s.title,
         "/admin/surveys/" + std::to_string(s.id),
         {}});
  }

  std::stable_sort(out.begin(), out.end(), [](const Deadline& a, const Deadline& b) { return a.due < b.due; });
  return out;
}

}  // namespace prongsai::reminders

namespace prongsai::reminders {

std::vector<Deadline> Calendar::build_ahead(std::int64_t agency_id, calendar::Date today, Lang lang,
                                            const Scope& scope) {
  calendar::FiscalYear fy = calendar::FiscalYear::of(today);
  std::vector<Deadline> all = build(agency_id, fy, today, lang, scope);
  for (Deadline& d : build(agency_id, fy.next(), today, lang, scope))
    if (std::none_of(all.begin(), all.end(), [&](const Deadline& a) { return a.uid == d.uid; }))
      all.push_back(std::move(d));
  return all;
}

Result<Overview> Calendar::overview(const http::Principal& by, calendar::FiscalYear fy, calendar::Date today,
                                    Lang lang) {
  if (!by.roles.has(Role::admin) && !by.roles.has(Role::executive))
    return fail(Error::make(ErrorKind::forbidden, "error.forbidden", "not an admin or executive"));
  Overview o;
  o.year = fy.be();
  const std::int64_t agency = by.agency_id;

  if (measures_.plan(agency, fy.be())) {
    o.has_plan = true;
    for (const measures::DueItem& d : measures_.due_items(agency, fy.be(), today)) {
      if (d.state == measures::DueState::done || d.state == measures::DueState::waiting_for_review)
        ++o.reports_done;
      else if (d.due < today)
        ++o.reports_overdue;
      else
        ++o.reports_ahead;
    }
  }

  std::optional<double> oit;
  if (auto reg = disclosure_.registry(agency, fy.be(), today, lang)) {
    for (const disclosure::ItemState& i : reg->items) {
      switch (i.readiness.status) {
        case disclosure::Status::ready: ++o.oit_ready; break;
        case disclosure::Status::stale: ++o.oit_stale; break;
        case disclosure::Status::missing: ++o.oit_missing; break;
      }
    }
    o.oit_score = oit = reg->estimate.total;
  }

  auto bucket = [&](std::int64_t since) {
    int days = calendar::days_between(calendar::local_date(since), today);
    return days <= 7 ? 0 : days <= 15 ? 1 : days <= 30 ? 2 : 3;
  };

  for (const cases::OpenCase& c : cases_.open_cases(agency)) {
    int b = bucket(c.created_at);
    if (c.channel == cases::Channel::corruption) {
      ++o.corruption_by_age[b];
    } else if (c.channel == cases::Channel::complaint) {
      ++o.complaints_by_age[b];
    } else {
      ++o.requests_by_age[b];
      auto due = calendar::parse_iso(c.due_day);
      if (due && *due < today) ++o.requests_overdue;
    }
  }
  o.questions_waiting = static_cast<int>(questions_.waiting(agency).size());

  if (frameworks_.year(fy.be())) {
    if (auto e = surveys_.estimate(by, fy.be(), oit)) o.estimate = *e;
  }

  for (Deadline& d : build(agency, fy, today, lang, Scope{}))
    if (d.state == State::overdue) o.overdue.push_back(std::move(d));
  return o;
}

}  // namespace prongsai::reminders
