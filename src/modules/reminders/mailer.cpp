#include "modules/reminders/mailer.hpp"

#include <algorithm>
#include <map>

#include "core/crypto.hpp"
#include "core/strings.hpp"
#include "core/text.hpp"
#include "mail/mail.hpp"
#include "web/module.hpp"

namespace prongsai::reminders {
namespace {

using http::Role;

constexpr std::string_view kPreferences =
    "SELECT remind_before, remind_on_day, remind_overdue, weekly_digest, arrivals, by_mail, by_line "
    "FROM mail_preferences WHERE agency_id = ? AND user_id = ?";
constexpr std::string_view kSetPreferences =
    "INSERT INTO mail_preferences (agency_id, user_id, remind_before, remind_on_day, remind_overdue, weekly_digest, "
    "arrivals, by_mail, by_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agency_id, user_id) DO UPDATE SET "
    "remind_before = excluded.remind_before, remind_on_day = excluded.remind_on_day, "
    "remind_overdue = excluded.remind_overdue, weekly_digest = excluded.weekly_digest, "
    "arrivals = excluded.arrivals, by_mail = excluded.by_mail, by_line = excluded.by_line";
constexpr std::string_view kAlerted = "SELECT 1 FROM alert_sent WHERE agency_id = ? AND user_id = ? AND uid = ?";
constexpr std::string_view kMarkAlerted =
    "INSERT INTO alert_sent (agency_id, user_id, uid, day) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
constexpr std::string_view kSweepAlerts = "DELETE FROM alert_sent WHERE day < ? RETURNING uid";
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

// The people a deadline's reminders and an arrival's alert go to: its source's holders (a role's
// members, or the members of its units; the admin when it has none).
std::vector<const accounts::User*> responsible(const std::vector<std::int64_t>& unit_ids, std::optional<Role> holders,
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
    if (std::any_of(u.unit_ids.begin(), u.unit_ids.end(),
                    [&](std::int64_t id) { return std::find(unit_ids.begin(), unit_ids.end(), id) != unit_ids.end(); }))
      out.push_back(&u);
  if (unit_ids.empty()) with_role(Role::admin);
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
    p.arrivals = row->integer("arrivals") != 0;
    p.by_mail = row->integer("by_mail") != 0;
    p.by_line = row->integer("by_line") != 0;
  }
  return p;
}

Result<void> Mailer::set_preferences(const http::Principal& by, const Preferences& p) {
  Preferences before = preferences(by.agency_id, by.user_id);
  auto view = [](const Preferences& x) {
    return nlohmann::json{{"before", x.before},  {"on_day", x.on_day},     {"overdue", x.overdue},
                          {"digest", x.digest},  {"arrivals", x.arrivals}, {"by_mail", x.by_mail},
                          {"by_line", x.by_line}};
  };
  return store_.write(accounts::actor_of(by), [&](store::WriteTx& tx) -> Result<void> {
    tx.apply(store::Change::update(by.agency_id, "mail_preferences", by.user_id, view(before), view(p)),
             kSetPreferences,
             {by.agency_id, by.user_id, std::int64_t{p.before}, std::int64_t{p.on_day}, std::int64_t{p.overdue},
              std::int64_t{p.digest}, std::int64_t{p.arrivals}, std::int64_t{p.by_mail}, std::int64_t{p.by_line}});
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

std::string Mailer::origin_of(std::int64_t agency_id) {
  const auto* notify = host_.find<web::Notify>();
  return notify && notify->origin ? notify->origin(agency_id) : origin_;
}

std::vector<Mailer::Channel> Mailer::channels(std::int64_t agency_id) {
  std::vector<Channel> out;
  for (const web::Module* m : host_.modules())
    for (const web::Messenger& messenger : m->messengers)
      if (messenger.ready(host_, agency_id)) out.push_back({messenger.channel, messenger.staff(host_, agency_id)});
  return out;
}

std::map<std::string, bool> Mailer::reach_of(std::int64_t agency_id, std::int64_t user_id) {
  std::map<std::string, bool> out;
  for (const Channel& c : channels(agency_id)) out[c.name] = c.staff.contains(user_id);
  return out;
}

int Mailer::enqueue_each(store::BookkeepingTx& tx, std::int64_t agency_id, std::int64_t user_id,
                         const std::vector<Channel>& channels, const Preferences& p, const std::string& key,
                         std::string_view kind, const std::string& subject, const std::string& body) {
  int queued = 0;
  for (const Channel& c : channels) {
    if ((c.name == "mail" && !p.by_mail) || (c.name == "line" && !p.by_line)) continue;
    auto to = c.staff.find(user_id);
    if (to == c.staff.end()) continue;
    // E-mail keeps the key it had before there were other channels (nothing is queued twice).
    const std::string channel_key = c.name == "mail" ? key : key + ":" + c.name;
    if (Outbox::enqueue(tx, agency_id, channel_key, kind, {to->second, subject, body}, clock_.now(), c.name)) ++queued;
  }
  return queued;
}

int Mailer::queue_reminders(std::int64_t agency_id) {
  std::vector<Channel> reach = channels(agency_id);
  if (reach.empty()) return 0;
  const std::string origin = origin_of(agency_id);
  accounts::Service& accounts = calendar_.accounts();
  auto agency = accounts.agency(agency_id);
  std::string agency_name = agency ? agency->name_th : std::string();
  calendar::Date today = calendar::local_date(clock_.now());
  int ahead = calendar_.settings(agency_id).days_before;
  // Early in a fiscal year the next one's first deadlines can be within reach too.
  std::vector<Deadline> all = calendar_.build_ahead(agency_id, today, Lang::th, Scope{});

  std::vector<accounts::User> users = accounts.users(agency_id);
  std::erase_if(users, [](const accounts::User& u) { return !u.active; });
  std::map<std::int64_t, std::vector<Item>> by_user;
  for (const Deadline& d : all) {
    if (d.state == State::done) continue;
    int days = calendar::days_between(today, d.due);
    // The day before is said again even after N days before: "due tomorrow".
    std::string kind = days == 0       ? "due"
                       : days < 0      ? "overdue"
                       : days == 1     ? "tomorrow"
                       : days <= ahead ? "before"
                                       : "";
    if (kind.empty()) continue;
    for (const accounts::User* u : responsible(d.unit_ids, calendar_.holders(d.source), users))
      by_user[u->id].push_back({&d, kind});
  }

  int queued = 0;
  for (auto& [user_id, items] : by_user) {
    auto user = std::find_if(users.begin(), users.end(), [&](const accounts::User& u) { return u.id == user_id; });
    Preferences p = preferences(agency_id, user_id);
    std::erase_if(items, [&](const Item& i) {
      return ((i.kind == "before" || i.kind == "tomorrow") && !p.before) || (i.kind == "due" && !p.on_day) ||
             (i.kind == "overdue" && !p.overdue);
    });
    if (items.empty()) continue;
    queued += store_.bookkeeping([&](store::BookkeepingTx& tx) {
      std::vector<Item> fresh;
      for (const Item& i : items)
        if (tx.exec(kTold, {agency_id, user_id, i.deadline->uid, i.kind, calendar::iso(i.deadline->due)}).empty())
          fresh.push_back(i);
      if (fresh.empty()) return 0;
      std::string body = t("mail.dear") + " " + user->display_name + "\n";
      std::string fingerprint = std::to_string(user_id) + "|" + calendar::iso(today);
      for (const char* kind : {"overdue", "due", "tomorrow", "before"}) {
        bool heading = false;
        for (const Item& i : fresh) {
          if (i.kind != kind) continue;
          if (!heading) body += "\n" + t(std::string("mail.section.") + kind) + "\n";
          heading = true;
          const Deadline& d = *i.deadline;
          body += "- " + d.title + " · " + t("calendar.source." + d.source) + " · " + t("mail.due") + " " +
                  calendar::format(d.due, Lang::th, calendar::Style::long_form) + "\n  " + origin + d.href + "\n";
          fingerprint += "|" + d.uid + ":" + i.kind;
        }
      }
      body += footer(origin, agency_name);
      std::string subject = t("mail.subject") + " " + std::to_string(fresh.size()) + " " + t("mail.items") +
                            (agency_name.empty() ? "" : " · " + agency_name);
      int n = enqueue_each(tx, agency_id, user_id, reach, p, "reminder:" + crypto::sha256_hex(fingerprint), "reminder",
                           subject, body);
      // Told, even when the person chose no channel they can be reached on: a reminder is for
      // the day it is due, not for whenever they next add one.
      for (const Item& i : fresh)
        tx.exec(kMarkTold,
                {agency_id, user_id, i.deadline->uid, i.kind, calendar::iso(i.deadline->due), std::int64_t{0}});
      return n > 0 ? 1 : 0;
    });
  }
  return queued;
}

int Mailer::queue_digests(std::int64_t agency_id) {
  std::vector<Channel> reach = channels(agency_id);
  if (reach.empty()) return 0;
  const std::string origin = origin_of(agency_id);
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
  body_tail += footer(origin, agency_name);
  int queued = 0;
  for (const accounts::User& u : accounts.users(agency_id)) {
    if (!u.active || !u.roles.has(Role::executive)) continue;
    Preferences p = preferences(agency_id, u.id);
    if (!p.digest) continue;
    std::string subject = t("mail.digest_subject") + " " + calendar::format(monday, Lang::th) +
                          (agency_name.empty() ? "" : " · " + agency_name);
    std::string body = t("mail.dear") + " " + u.display_name + "\n" + body_tail;
    queued += store_.bookkeeping([&](store::BookkeepingTx& tx) {
      return enqueue_each(
                 tx, agency_id, u.id, reach, p,
                 "digest:" + std::to_string(agency_id) + ":" + std::to_string(u.id) + ":" + calendar::iso(monday),
                 "digest", subject, body) > 0
                 ? 1
                 : 0;
    });
  }
  return queued;
}

int Mailer::queue_alerts() {
  const std::int64_t now = clock_.now();
  const calendar::Date today = calendar::local_date(now);
  // What came in the last day (a sealed source's: its day, so the day before too): told once.
  struct Came {
    const web::DeadlineSource* source;
    web::Arrival arrival;
  };
  std::map<std::int64_t, std::vector<Came>> by_agency;
  for (const web::Module* m : host_.modules())
    for (const web::DeadlineSource& source : m->deadlines) {
      if (!source.arrivals) continue;
      std::vector<web::Arrival> came;
      source.arrivals(host_, now - (source.sealed ? 3 : 1) * 86400, came);
      for (web::Arrival& a : came) {
        // A sealed arrival waits for the day after, and for the morning: no message is timed by it.
        if (source.sealed && (calendar::local_date(a.at) >= today || !queue_hours(now))) continue;
        by_agency[a.agency_id].push_back({&source, std::move(a)});
      }
    }

  int queued = 0;
  for (auto& [agency_id, came] : by_agency) {
    std::vector<Channel> reach = channels(agency_id);
    if (reach.empty()) continue;
    const std::string origin = origin_of(agency_id);
    accounts::Service& accounts = calendar_.accounts();
    auto agency = accounts.agency(agency_id);
    std::string agency_name = agency ? agency->name_th : std::string();
    std::vector<accounts::User> users = accounts.users(agency_id);
    std::erase_if(users, [](const accounts::User& u) { return !u.active; });
    std::map<std::int64_t, std::vector<const Came*>> by_user;
    for (const Came& c : came)
      for (const accounts::User* u : responsible(c.arrival.unit_ids, c.source->holders, users))
        by_user[u->id].push_back(&c);

    for (auto& [user_id, items] : by_user) {
      Preferences p = preferences(agency_id, user_id);
      if (!p.arrivals) continue;
      auto user = std::find_if(users.begin(), users.end(), [&](const accounts::User& u) { return u.id == user_id; });
      queued += store_.bookkeeping([&](store::BookkeepingTx& tx) {
        auto key_of = [](const Came* c) { return c->source->name + ":" + c->arrival.uid; };
        std::vector<const Came*> open, sealed;
        for (const Came* c : items)
          if (tx.exec(kAlerted, {agency_id, user_id, key_of(c)}).empty())
            (c->source->sealed ? sealed : open).push_back(c);
        if (open.empty() && sealed.empty()) return 0;
        int n = 0;
        std::string day = calendar::iso(today);
        if (!open.empty()) {
          std::string subject = text::fill(t("alerts.subject"), "n", std::to_string(open.size())) +
                                (agency_name.empty() ? "" : " · " + agency_name);
          std::string body = t("mail.dear") + " " + user->display_name + "\n\n" + t("alerts.lead") + "\n";
          std::string fingerprint = std::to_string(user_id);
          std::size_t listed = 0;
          for (const Came* c : open) {
            // A burst (a QR code at a village meeting) is listed up to 20, then counted.
            if (++listed <= 20)
              body += "- " + c->arrival.title + " · " + t("calendar.source." + c->source->name) + "\n  " + origin +
                      c->arrival.href + "\n";
            fingerprint += "|" + key_of(c);
          }
          if (open.size() > 20)
            body += "- " + t("mail.and_more") + " " + std::to_string(open.size() - 20) + " " + t("mail.items") + "\n";
          body += footer(origin, agency_name);
          n += enqueue_each(tx, agency_id, user_id, reach, p, "alert:" + crypto::sha256_hex(fingerprint), "alert",
                            subject, body);
        }
        // A sealed channel: how many, and nothing else (not which, not when, not a link to one).
        std::map<std::string, std::vector<const Came*>> by_source;
        for (const Came* c : sealed) by_source[c->source->name].push_back(c);
        for (const auto& [source, list] : by_source) {
          std::string said = text::fill(text::fill(t("alerts.sealed"), "what", t("calendar.source." + source)), "n",
                                        std::to_string(list.size()));
          std::string fingerprint = std::to_string(user_id) + "|" + day + "|" + source;
          for (const Came* c : list) fingerprint += "|" + c->arrival.uid;
          n += enqueue_each(tx, agency_id, user_id, reach, p, "sealed:" + crypto::sha256_hex(fingerprint), "alert",
                            said, said + "\n");
        }
        for (const std::vector<const Came*>* told : {&open, &sealed})
          for (const Came* c : *told) tx.exec(kMarkAlerted, {agency_id, user_id, key_of(c), day});
        return n;
      });
    }
  }
  return queued;
}

std::int64_t Mailer::sweep_alerts() {
  std::string week_ago = calendar::iso(calendar::add_days(calendar::local_date(clock_.now()), -7));
  return store_.bookkeeping(
      [&](store::BookkeepingTx& tx) { return static_cast<std::int64_t>(tx.exec(kSweepAlerts, {week_ago}).size()); });
}

}  // namespace prongsai::reminders
