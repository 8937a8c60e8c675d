#include "modules/reminders/deadlines.hpp"

#include <algorithm>

#include "core/strings.hpp"
#include "core/text.hpp"
#include "core/working_days.hpp"

namespace prongsai::reminders {
namespace {

using http::Role;

constexpr std::string_view kSettings =
    "SELECT complaint_days, question_days, days_before FROM reminder_settings WHERE agency_id = ?";
constexpr std::string_view kSetSettings =
    "INSERT INTO reminder_settings (agency_id, complaint_days, question_days, days_before) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (agency_id) DO UPDATE SET complaint_days = excluded.complaint_days, "
    "question_days = excluded.question_days, days_before = excluded.days_before";

bool has_any(const http::RoleSet& roles, std::initializer_list<Role> any) {
  return std::any_of(any.begin(), any.end(), [&](Role r) { return roles.has(r); });
}

bool shares_unit(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
  return std::any_of(a.begin(), a.end(), [&](std::int64_t u) { return std::find(b.begin(), b.end(), u) != b.end(); });
}

}  // namespace

Scope scope_of(const http::Principal& p, const std::vector<std::int64_t>& unit_ids) {
  Scope s;
  s.kind = Scope::Kind::user;
  s.roles = p.roles;
  s.unit_ids = unit_ids;
  return s;
}

bool visible(const Deadline& d, const Scope& s, std::optional<http::Role> holders) {
  switch (s.kind) {
    case Scope::Kind::agency: return true;
    case Scope::Kind::unit:
      return s.unit_id && std::find(d.unit_ids.begin(), d.unit_ids.end(), *s.unit_id) != d.unit_ids.end();
    case Scope::Kind::user: break;
  }
  if (has_any(s.roles, {Role::admin, Role::executive})) return true;
  return holders ? s.roles.has(*holders) : shares_unit(d.unit_ids, s.unit_ids);
}

Calendar::Calendar(store::Store& store, web::Host& host, accounts::Service& accounts, const Clock& clock)
    : store_(store), host_(host), accounts_(accounts), clock_(clock) {
  for (const web::Module* m : host.modules())
    for (const web::DeadlineSource& source : m->deadlines) sources_.push_back(&source);
}

std::optional<http::Role> Calendar::holders(std::string_view source) const {
  for (const web::DeadlineSource* s : sources_)
    if (s->name == source) return s->holders;
  return Role::admin;  // a source no module names any longer
}

std::vector<std::string> Calendar::sources() const {
  std::vector<std::string> out;
  for (const web::DeadlineSource* s : sources_) out.push_back(s->name);
  return out;
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
  if (auto r = accounts::admin_only(by); !r) return fail(r.error());
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
  Settings targets = settings(agency_id);
  web::DeadlineQuery q;
  q.agency_id = agency_id;
  q.fy = fy;
  q.today = today;
  q.lang = lang;
  q.complaint_days = targets.complaint_days;
  q.question_days = targets.question_days;
  if (const auto* wd = host_.find<web::WorkingDaysOf>()) q.working_days = wd->of(agency_id);
  std::vector<Deadline> out;
  for (const web::DeadlineSource* source : sources_) {
    std::vector<Deadline> found;
    source->collect(host_, q, found);
    for (Deadline& d : found) {
      d.source = source->name;
      if (visible(d, scope, source->holders)) out.push_back(std::move(d));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Deadline& a, const Deadline& b) { return a.due < b.due; });
  return out;
}

std::vector<Deadline> Calendar::build_ahead(std::int64_t agency_id, calendar::Date today, Lang lang,
                                            const Scope& scope) {
  calendar::FiscalYear fy = calendar::FiscalYear::of(today);
  std::vector<Deadline> all = build(agency_id, fy, today, lang, scope);
  for (Deadline& d : build(agency_id, fy.next(), today, lang, scope))
    if (std::none_of(all.begin(), all.end(), [&](const Deadline& a) { return a.uid == d.uid; }))
      all.push_back(std::move(d));
  return all;
}

}  // namespace prongsai::reminders
