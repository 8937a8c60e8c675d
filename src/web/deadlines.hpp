// What a module contributes to the deadline calendar (the reminders hub). Each module names its
// sources of deadlines in its manifest (Module::deadlines); the hub asks every source for the
// deadlines of an agency's fiscal year, decides who sees each and who is reminded of it, and
// knows no module. A source's label is the string `calendar.source.<name>`.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/strings.hpp"
#include "core/thai_calendar.hpp"
#include "core/working_days.hpp"
#include "http/access.hpp"

namespace prongsai::web {

class Host;

enum class DeadlineState { upcoming, due_today, overdue, done };
std::string_view to_string(DeadlineState s);
// The state of a deadline on `today`.
DeadlineState state_of(calendar::Date due, bool done, calendar::Date today);

struct Deadline {
  std::string uid;     // stable across builds: "report-12-2023-12-31", "oit-2566-O10-2023-01", "case-7"
  std::string source;  // its DeadlineSource's name
  calendar::Date due;
  DeadlineState state = DeadlineState::upcoming;
  std::string title;  // what is due, in the page's language; never what a citizen wrote
  std::string href;   // the staff page where it is done
  std::vector<std::int64_t> unit_ids;
};

// What a source is asked for: one agency's fiscal year, seen on `today`.
struct DeadlineQuery {
  std::int64_t agency_id = 0;
  calendar::FiscalYear fy{0};
  calendar::Date today;
  Lang lang = Lang::th;
  // The agency's targets, kept by the calendar's settings: a complaint and a question are
  // answered within this many working days.
  int complaint_days = 15, question_days = 5;
  // Monday to Friday less the agency's holidays (WorkingDaysOf, when a module keeps them).
  calendar::WorkingDays working_days;

  // Open work past its day stays on the calendar of the year we are in, however old.
  bool belongs(calendar::Date due, bool done) const {
    return fy.period().contains(due) || (fy.period().contains(today) && !done && due < today);
  }
  // A deadline of this query: its state on `today`.
  Deadline make(std::string uid, std::string source, calendar::Date due, bool done, std::string title, std::string href,
                std::vector<std::int64_t> unit_ids = {}) const {
    return {std::move(uid),  std::move(source),  due, state_of(due, done, today), std::move(title),
            std::move(href), std::move(unit_ids)};
  }
};

// Work that came to a source's holders: a new complaint, question or request, a report sent
// back. The hub tells each holder once (web/notify.hpp), by LINE or e-mail as they chose.
struct Arrival {
  std::int64_t agency_id = 0;
  std::string uid;      // stable: "case-7", "returned-31-1733"; told once per holder
  std::int64_t at = 0;  // when it came (a sealed source's: its day, 00:00 Thailand time)
  std::string title;    // in Thai, as a deadline's title: never what a citizen wrote
  std::string href;     // the staff page
  std::vector<std::int64_t> unit_ids;
};

struct DeadlineSource {
  std::string name;  // "complaint"; its label is the string calendar.source.<name>
  // Who holds its deadlines, sees them and is reminded of them (with the admin and executives,
  // who see every one): the members of a role, or, with none, the members of the deadline's
  // units (the admin when it has none).
  std::optional<http::Role> holders;
  std::function<void(Host&, const DeadlineQuery&, std::vector<Deadline>&)> collect;
  // What arrived since `since` (unix seconds), in every agency at once; none: nothing to tell.
  std::function<void(Host&, std::int64_t since, std::vector<Arrival>&)> arrivals;
  // A sealed channel: its arrivals are told as a count and nothing else ("มีเรื่องร้องเรียน
  // การทุจริตใหม่ 1 เรื่อง"), on the day after they came, so that no message is timed by one.
  bool sealed = false;
};

// The agency's working days, from the module that keeps its holidays (made by its build).
struct WorkingDaysOf {
  std::function<calendar::WorkingDays(std::int64_t agency_id)> of;
};

}  // namespace prongsai::web
