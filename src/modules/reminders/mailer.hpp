// E-mail reminders from the deadline calendar, queued in the outbox (outbox.hpp):
//
//   before    the agency's N days before the due day (while it is still ahead)
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
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "http/access.hpp"
#include "modules/reminders/deadlines.hpp"
#include "modules/reminders/outbox.hpp"
#include "store/store.hpp"

namespace prongsai::reminders {

struct Preferences {
  bool before = true, on_day = true, overdue = true, digest = true;
};

class Mailer {
 public:
  // `origin`: the site's public address, for the links in the messages ("https://www.namom.go.th").
  Mailer(Calendar& calendar, store::Store& store, const Clock& clock, std::string origin)
      : calendar_(calendar), store_(store), clock_(clock), origin_(std::move(origin)) {}

  // Queues today's reminders for the agency; how many messages.
  int queue_reminders(std::int64_t agency_id);
  // Queues this week's digest for each executive who has none yet; how many messages.
  int queue_digests(std::int64_t agency_id);
  // When a server queues reminders and digests next, after a run at `now`: on the next whole
  // hour, but not before 07:00 Thailand time (nobody is woken at night).
  static std::int64_t next_queue_run(std::int64_t now);
  // Whether `now` is within the hours reminders are queued in (07:00–24:00 Thailand time).
  static bool queue_hours(std::int64_t now);

  Preferences preferences(std::int64_t agency_id, std::int64_t user_id);
  Result<void> set_preferences(const http::Principal& by, const Preferences& p);

 private:
  Calendar& calendar_;
  store::Store& store_;
  const Clock& clock_;
  std::string origin_;
};

}  // namespace prongsai::reminders
