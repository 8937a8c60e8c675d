#include "modules/reminders/mailer.hpp"

#include <algorithm>
#include <map>

#include "core/crypto.hpp"
#include "core/strings.hpp"
#include "mail/mail.hpp"

namespace prongsai::reminders {
namespace {

using http::Role;

constexpr std::string_view kPreferences =
    "SELECT remind_before, remind_on_day, remind_overdue, weekly_digest FROM mail_preferences "
    "WHERE agency_id = ? AND user_id = ?";
constexpr std::string_view kSetPreferences =
    "INSERT INTO mail_preferences (agency_id, user_id, remind_before, remind_on_day, remind_overdue, weekly_digest) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (agency_id, user_id) DO UPDATE SET "
    "remind_before = excluded.remind_before, remind_on_day = excluded.remind_on_day, "
    "remind_overdue = excluded.remind_overdue, weekly_digest = excluded.weekly_digest";
constexpr std::string_view kTold =
    "SELECT 1 FROM reminder_sent WHERE agency_id = ? AND user_id = ? AND deadline_uid = ? AND kind = ? "
    "AND due_day = ?";
constexpr std::string_view kMarkTold =
    "INSERT INTO reminder_sent (agency_id, user_id, deadline_uid, kind, due_day, outbox_id) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

std::string t(std::string_view key) { return std::string(Strings::instance().get(Lang::th, key)); }

// 0 on Monday, 6 on Sunday.
int weekday_from_monday(calendar::Date d) {
  return static_cast<int>(std::chrono::weekday{std::chrono::sys_days{d}}.iso_encoding()) - 1;
}

// The end of every message: where to see everything, where to choose, who sent it.
std::string footer(const std::string& origin, const std::string& agency_name) {
  return "\n" + t("mail.calendar") + " " + origin + "/calendar\n" + t("mail.choose") + " " + origin +
         "/calendar/mail\n\n" + t("mail.signature") + " " + agency_name + "\n";
}

// The people a deadline's reminders go to: its source's holders (a role's members, or the
// members of its units; the admin when it has none).
std::vector<const accounts::User*> responsible(const Deadline& d, std::optional<Role> holders,
                                               const std::vector<accounts::User>& users) {
  std::vector<const accounts::User*> out;
  auto with_role = [&](Role r) {
    for (const accounts::User& u : users)
      if (u.roles.has(r)) out.push_back(&u);
  };
  if (holders) {
    with_role(*holders);
    return out;
  }
  for (const accounts::User& u : users)
    if (std::any_of(u.unit_ids.begin(), u.unit_ids.end(), [&](std::int64_t id) {
          return std::find(d.unit_ids.begin(), d.unit_ids.end(), id) != d.unit_ids.end();
        }))
      out.push_back(&u);
  if (d.unit_ids.empty()) with_role(Role::admin);
  return out;
}

struct Item {
  const Deadline* deadline;
  std::string kind;  // before | due | overdue
};

}  // namespace

Preferences Mailer::preferences(std::int64_t agency_id, std::int64_t user_id) {
  auto row = store_.read([&](store::ReadTx& tx) { return tx.query_one(kPreferences, {agency_id, user_id}); });
  Preferences p;
  if (row) {
    p.before = row->integer("remind_before") != 0;
    p.on_day = row->integer("remind_on_day") != 0;
    p.overdue = row->integer("remind_overdue") != 0;
    p.digest = row->integer("weekly_digest") != 0;
  }
  return p;
}

Result<void> Mailer::set_preferences(const http::Principal& by, const Preferences& p) {
  Preferences before = preferences(by.agency_id, by.user_id);
  auto view = [](const Preferences& x) {
    return nlohmann::json{{"before", x.before}, {"on_day", x.on_day}, {"overdue", x.overdue}, {"digest", x.digest}};
  };
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change::update(by.agency_id, "mail_preferences", by.user_id, view(before), view(p)),
             kSetPreferences,
             {by.agency_id, by.user_id, std::int64_t{p.before}, std::int64_t{p.on_day}, std::int64_t{p.overdue},
              std::int64_t{p.digest}});
    return ok();
  });
}

namespace {
constexpr std::int64_t kThai = 7 * 3600;       // UTC+7, no summer time
constexpr std::int64_t kFirstHour = 7 * 3600;  // 07:00
}  // namespace

bool Mailer::queue_hours(std::int64_t now) { return (now + kThai) % 86400 >= kFirstHour; }

std::int64_t Mailer::next_queue_run(std::int64_t now) {
  std::int64_t next = (now / 3600 + 1) * 3600;
  if (queue_hours(next)) return next;
  std::int64_t local_day = (next + kThai) / 86400 * 86400;  // local midnight, as local seconds
  return local_day + kFirstHour - kThai;
}

int Mailer::queue_reminders(std::int64_t agency_id) {
  accounts::Service& accounts = calendar_.accounts();
  auto agency = accounts.agency(agency_id);
  std::string agency_name = agency ? agency->name_th : std::string();
  calendar::Date today = calendar::local_date(clock_.now());
  int ahead = calendar_.settings(agency_id).days_before;
  // Early in a fiscal year the next one's first deadlines can be within reach too.
  std::vector<Deadline> all = calendar_.build_ahead(agency_id, today, Lang::th, Scope{});

  std::vector<accounts::User> users = accounts.users(agency_id);
  std::erase_if(users, [](const accounts::User& u) { return !u.active || !mail::plausible_address(u.email); });
  std::map<std::int64_t, std::vector<Item>> by_user;
  for (const Deadline& d : all) {
    if (d.state == State::done) continue;
    int days = calendar::days_between(today, d.due);
    std::string kind = days == 0 ? "due" : days < 0 ? "overdue" : days <= ahead ? "before" : "";
    if (kind.empty()) continue;
    for (const accounts::User* u : responsible(d, calendar_.holders(d.source), users))
      by_user[u->id].push_back({&d, kind});
  }

  int queued = 0;
  for (auto& [user_id, items] : by_user) {
    auto user = std::find_if(users.begin(), users.end(), [&](const accounts::User& u) { return u.id == user_id; });
    Preferences p = preferences(agency_id, user_id);
    std::erase_if(items, [&](const Item& i) {
      return (i.kind == "before" && !p.before) || (i.kind == "due" && !p.on_day) || (i.kind == "overdue" && !p.overdue);
    });
    if (items.empty()) continue;
    bool sent = store_.bookkeeping([&](store::BookkeepingTx& tx) {
      std::vector<Item> fresh;
      for (const Item& i : items)
        if (tx.exec(kTold, {agency_id, user_id, i.deadline->uid, i.kind, calendar::iso(i.deadline->due)}).empty())
          fresh.push_back(i);
      if (fresh.empty()) return false;
      std::string body = t("mail.dear") + " " + user->display_name + "\n";
      std::string fingerprint = std::to_string(user_id) + "|" + calendar::iso(today);
      for (const char* kind : {"overdue", "due", "before"}) {
        bool heading = false;
        for (const Item& i : fresh) {
          if (i.kind != kind) continue;
          if (!heading) body += "\n" + t(std::string("mail.section.") + kind) + "\n";
          heading = true;
          const Deadline& d = *i.deadline;
          body += "- " + d.title + " · " + t("calendar.source." + d.source) + " · " + t("mail.due") + " " +
                  calendar::format(d.due, Lang::th, calendar::Style::long_form) + "\n  " + origin_ + d.href + "\n";
          fingerprint += "|" + d.uid + ":" + i.kind;
        }
      }
      body += footer(origin_, agency_name);
      std::string subject = t("mail.subject") + " " + std::to_string(fresh.size()) + " " + t("mail.items") +
                            (agency_name.empty() ? "" : " · " + agency_name);
      auto id = Outbox::enqueue(tx, agency_id, "reminder:" + crypto::sha256_hex(fingerprint), "reminder",
                                {user->email, subject, body}, clock_.now());
      if (!id) return false;  // the same message is queued already
      for (const Item& i : fresh)
        tx.exec(kMarkTold, {agency_id, user_id, i.deadline->uid, i.kind, calendar::iso(i.deadline->due), *id});
      return true;
    });
    if (sent) ++queued;
  }
  return queued;
}

int Mailer::queue_digests(std::int64_t agency_id) {
  accounts::Service& accounts = calendar_.accounts();
  calendar::Date today = calendar::local_date(clock_.now());
  calendar::Date monday = calendar::add_days(today, -weekday_from_monday(today));
  auto agency = accounts.agency(agency_id);
  std::string agency_name = agency ? agency->name_th : std::string();
  std::vector<accounts::Unit> units = accounts.units(agency_id);
  std::vector<Deadline> all = calendar_.build(agency_id, calendar::FiscalYear::of(today), today, Lang::th, Scope{});
  std::map<std::string, std::pair<int, int>> counts;  // overdue, within the coming week
  std::vector<const Deadline*> overdue;
  for (const Deadline& d : all) {
    if (d.state == State::overdue) {
      ++counts[d.source].first;
      overdue.push_back(&d);
    } else if (d.state != State::done && calendar::days_between(today, d.due) <= 7) {
      ++counts[d.source].second;
    }
  }
  std::string body_tail = "\n" + t("mail.digest_counts") + "\n";
  for (const std::string& s : calendar_.sources()) {
    auto [late, soon] = counts[s];
    body_tail += "- " + t("calendar.source." + s) + ": " + t("mail.overdue") + " " + std::to_string(late) + " · " +
                 t("mail.this_week") + " " + std::to_string(soon) + "\n";
  }
  if (!overdue.empty()) {
    body_tail += "\n" + t("mail.section.overdue") + "\n";
    std::size_t shown = 0;
    for (const Deadline* d : overdue) {
      if (++shown > 30) break;
      std::string holder;
      for (std::int64_t u : d->unit_ids) holder += (holder.empty() ? "" : ", ") + accounts::unit_name(units, u);
      body_tail += "- " + d->title + " · " + t("mail.due") + " " + calendar::format(d->due, Lang::th) +
                   (holder.empty() ? "" : " · " + holder) + "\n";
    }
    if (overdue.size() > 30)
      body_tail += "- " + t("mail.and_more") + " " + std::to_string(overdue.size() - 30) + " " + t("mail.items") + "\n";
  }
  body_tail += footer(origin_, agency_name);
  int queued = 0;
  for (const accounts::User& u : accounts.users(agency_id)) {
    if (!u.active || !u.roles.has(Role::executive) || !mail::plausible_address(u.email)) continue;
    if (!preferences(agency_id, u.id).digest) continue;
    std::string subject = t("mail.digest_subject") + " " + calendar::format(monday, Lang::th) +
                          (agency_name.empty() ? "" : " · " + agency_name);
    std::string body = t("mail.dear") + " " + u.display_name + "\n" + body_tail;
    bool added = store_.bookkeeping([&](store::BookkeepingTx& tx) {
      return Outbox::enqueue(
                 tx, agency_id,
                 "digest:" + std::to_string(agency_id) + ":" + std::to_string(u.id) + ":" + calendar::iso(monday),
                 "digest", {u.email, subject, body}, clock_.now())
          .has_value();
    });
    if (added) ++queued;
  }
  return queued;
}

}  // namespace prongsai::reminders
