// Deadlines as an iCalendar stream (RFC 5545) that calendar applications subscribe to: one
// all-day VEVENT per deadline, its UID stable across fetches (the deadline's uid at the host),
// text escaped (§3.3.11) and lines folded at 75 octets without splitting a UTF-8 character
// (§3.1), CRLF line ends.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/thai_calendar.hpp"
#include "modules/reminders/deadlines.hpp"

namespace prongsai::reminders {

struct FeedInfo {
  std::string name;    // X-WR-CALNAME
  std::string origin;  // "https://www.namom.go.th": URLs and the UID's host
  std::string host;
  calendar::Timestamp now = 0;  // DTSTAMP
  Lang lang = Lang::th;
};

std::string to_ical(const std::vector<Deadline>& deadlines, const FeedInfo& info);

// RFC 5545 TEXT escaping and line folding, for tests and for other feeds.
std::string ical_escape(std::string_view text);
std::string ical_fold(std::string_view line);

}  // namespace prongsai::reminders
