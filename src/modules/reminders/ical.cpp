#include "modules/reminders/ical.hpp"

#include <ctime>

#include "core/strings.hpp"

namespace prongsai::reminders {
namespace {

std::string basic_date(calendar::Date d) {
  std::string iso = calendar::iso(d);  // YYYY-MM-DD
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

std::string utc_stamp(calendar::Timestamp t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

}  // namespace

std::string ical_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

std::string ical_fold(std::string_view line) {
  std::string out;
  std::size_t limit = 75;  // octets on the first line; 74 after the leading space of the next
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = 74;
  }
  out.append(line);
  out += "\r\n";
  return out;
}

std::string to_ical(const std::vector<Deadline>& deadlines, const FeedInfo& info) {
  const Strings& s = Strings::instance();
  std::string out;
  auto put = [&](std::string_view line) { out += ical_fold(line); };
  put("BEGIN:VCALENDAR");
  put("VERSION:2.0");
  put("PRODID:-//Prongsai//Deadlines//TH");
  put("CALSCALE:GREGORIAN");
  put("METHOD:PUBLISH");
  put("X-WR-CALNAME:" + ical_escape(info.name));
  put("X-WR-TIMEZONE:Asia/Bangkok");
  const std::string stamp = utc_stamp(info.now);
  for (const Deadline& d : deadlines) {
    put("BEGIN:VEVENT");
    put("UID:" + d.uid + "@" + info.host);
    put("DTSTAMP:" + stamp);
    put("DTSTART;VALUE=DATE:" + basic_date(d.due));
    put("DTEND;VALUE=DATE:" + basic_date(calendar::add_days(d.due, 1)));
    put("SUMMARY:" + ical_escape(d.title));
    std::string state(s.get(info.lang, "calendar.state." + std::string(to_string(d.state))));
    put("DESCRIPTION:" + ical_escape(state + "\n" + info.origin + d.href));
    put("URL:" + info.origin + d.href);
    put("CATEGORIES:" + d.source);
    put("TRANSP:TRANSPARENT");
    put("END:VEVENT");
  }
  put("END:VCALENDAR");
  return out;
}

}  // namespace prongsai::reminders
