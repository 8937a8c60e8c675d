// Reminders from the deadline calendar and alerts of work that arrives, queued in the outbox
// (outbox.hpp) for each channel a person can be reached on and chose (e-mail, LINE: the
// modules' messengers, web/notify.hpp):
//
//   before    the agency's N days before the due day (while it is still ahead)
//   tomorrow  the day before (under the same choice as "before")
//   due       on the due day
//   overdue   once it is past, not done
//
// to the people responsible: the staff of the deadline's units (the admin when it has none),
// complaint officers for complaints and questions, corruption officers for corruption
// complaints (a number and a day, never what was written), the admin for surveys. One message
// per person per run, holding only what they were not told yet (reminder_sent), so a run that
// is repeated, or runs on two nodes, tells nobody anything twice. Executives get a weekly
// digest (the first run on or after Monday): counts by kind, what is overdue and who holds it.
// Each person chooses which of these they get (Preferences); all are on until they do.
//
// Alerts (queue_alerts, every minute): a new complaint, question or request, a report sent back
// (each source's web::Arrival), to the same people, once each, in one message per person and
// run. A sealed source's arrivals are told as a count and nothing else, the day after they came
// and not before 07:00, so that no message, row or log line is timed by a sealed case.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/access.hpp"
#include "modules/reminders/deadlines.hpp"
#include "modules/reminders/outbox.hpp"
#include "store/store.hpp"

namespace prongsai::reminders {

struct Preferences {
  bool before = true, on_day = true, overdue = true, digest = true;
  bool arrivals = true;                 // work that arrives
  bool by_mail = true, by_line = true;  // the channels, where the person can be reached on them
};

class Mailer {
 public:
  // `origin`: the site's public address, for the links in the messages ("https://www.namom.go.th").
  Mailer(web::Host& host, Calendar& calendar, store::Store& store, const Clock& clock, std::string origin)
      : host_(host), calendar_(calendar), store_(store), clock_(clock), origin_(std::move(origin)) {}

  // Queues today's reminders for the agency; how many messages.
  int queue_reminders(std::int64_t agency_id);
  // Queues this week's digest for each executive who has none yet; how many messages.
  int queue_digests(std::int64_t agency_id);
  // Queues alerts of what arrived in the last day, for every agency; how many messages.
  int queue_alerts();
  // The channels ready for the agency, each with whether the user can be reached on it.
  std::map<std::string, bool> reach_of(std::int64_t agency_id, std::int64_t user_id);
  // Alerts told a week ago and more (the hourly sweep); how many.
  std::int64_t sweep_alerts();
  // When a server queues reminders and digests next, after a run at `now`: on the next whole
  // hour, but not before 07:00 Thailand time (nobody is woken at night).
  static std::int64_t next_queue_run(std::int64_t now);
  // Whether `now` is within the hours reminders are queued in (07:00–24:00 Thailand time).
  static bool queue_hours(std::int64_t now);

  Preferences preferences(std::int64_t agency_id, std::int64_t user_id);
  Result<void> set_preferences(const http::Principal& by, const Preferences& p);

 private:
  struct Channel {
    std::string name;
    std::map<std::int64_t, std::string> staff;  // user id → address
  };
  // The agency's public address for links (its own host, else the installation's).
  std::string origin_of(std::int64_t agency_id);
  // The channels ready for the agency, each with its staff's addresses.
  std::vector<Channel> channels(std::int64_t agency_id);
  // Queues `body` to the user on each channel they chose and can be reached on; how many rows.
  int enqueue_each(store::BookkeepingTx& tx, std::int64_t agency_id, std::int64_t user_id,
                   const std::vector<Channel>& channels, const Preferences& p, const std::string& key,
                   std::string_view kind, const std::string& subject, const std::string& body);

  web::Host& host_;
  Calendar& calendar_;
  store::Store& store_;
  const Clock& clock_;
  std::string origin_;
};

}  // namespace prongsai::reminders
