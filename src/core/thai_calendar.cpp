// Thai calendar arithmetic (std::chrono) and formatting (ICU with the Buddhist calendar).
//
// ICU formatters are not safe to share across threads (stack-notes pitfall 8), so each thread
// keeps its own, keyed by locale and pattern.
#include "core/thai_calendar.hpp"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <cassert>
#include <charconv>
#include <map>
#include <memory>

#include "core/text.hpp"

namespace prongsai::calendar {
namespace {

using namespace std::chrono;

icu::SimpleDateFormat& formatter(Lang lang, const char* pattern) {
  thread_local std::map<std::pair<Lang, std::string>, std::unique_ptr<icu::SimpleDateFormat>> cache;
  auto key = std::make_pair(lang, std::string(pattern));
  auto it = cache.find(key);
  if (it != cache.end()) return *it->second;
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale = lang == Lang::th ? icu::Locale("th_TH@calendar=buddhist") : icu::Locale("en_GB");
  auto fmt = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString::fromUTF8(pattern), locale, status);
  assert(U_SUCCESS(status) && "ICU date pattern must be valid");
  fmt->adoptTimeZone(icu::TimeZone::createTimeZone("GMT"));
  return *cache.emplace(key, std::move(fmt)).first->second;
}

std::string format_udate(UDate at, Lang lang, const char* pattern) {
  icu::UnicodeString out;
  formatter(lang, pattern).format(at, out);
  std::string s;
  out.toUTF8String(s);
  return s;
}

UDate to_udate(Date d) { return static_cast<UDate>(sys_days(d).time_since_epoch().count()) * 86400.0 * 1000.0; }

}  // namespace

Date make_date(int ce_year, unsigned month, unsigned day) {
  return Date{year{ce_year}, std::chrono::month{month}, std::chrono::day{day}};
}

int be_year(Date d) { return static_cast<int>(d.year()) + kBuddhistEraOffset; }

std::optional<Date> parse_iso(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  auto num = [&](std::size_t at, std::size_t len, auto& out) {
    auto [p, ec] = std::from_chars(s.data() + at, s.data() + at + len, out);
    return ec == std::errc() && p == s.data() + at + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  Date date = make_date(y, m, d);
  if (!date.ok()) return std::nullopt;
  return date;
}

namespace {

constexpr std::string_view kThaiMonthsShort[] = {"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                                                 "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",  "พ.ย.", "ธ.ค."};
constexpr std::string_view kThaiMonthsLong[] = {"มกราคม",  "กุมภาพันธ์", "มีนาคม",  "เมษายน", "พฤษภาคม",  "มิถุนายน",
                                                "กรกฎาคม", "สิงหาคม",  "กันยายน", "ตุลาคม",  "พฤศจิกายน", "ธันวาคม"};

// Thai digits (U+0E50–U+0E59, three bytes each) as ASCII; everything else as it is.
std::string ascii_digits(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE0 && static_cast<unsigned char>(s[i + 1]) == 0xB9 &&
        static_cast<unsigned char>(s[i + 2]) >= 0x90 && static_cast<unsigned char>(s[i + 2]) <= 0x99) {
      out += static_cast<char>('0' + (static_cast<unsigned char>(s[i + 2]) - 0x90));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// A whole run of ASCII digits at `at` (1 to `max` of them), moving `at` past it.
std::optional<int> digits_at(std::string_view s, std::size_t& at, std::size_t max) {
  std::size_t start = at;
  while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
  if (at == start || at - start > max) return std::nullopt;
  int n = 0;
  std::from_chars(s.data() + start, s.data() + at, n);
  return n;
}

void skip_spaces(std::string_view s, std::size_t& at) {
  while (at < s.size() && (s[at] == ' ' || s[at] == '\t')) ++at;
}

std::optional<int> ce_year_of(int year, std::size_t written_digits) {
  if (written_digits == 2) return 2500 + year - kBuddhistEraOffset;
  if (written_digits != 4) return std::nullopt;
  return year >= 2400 ? year - kBuddhistEraOffset : year;
}

std::optional<Date> checked(std::optional<int> ce_year, int month, int day) {
  if (!ce_year || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  Date d = make_date(*ce_year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  if (!d.ok()) return std::nullopt;
  return d;
}

// What may follow a date: nothing, or a time of day ("14:30", "14:30:05", "14.30 น.").
bool only_time_after(std::string_view s, std::size_t at) {
  skip_spaces(s, at);
  if (at == s.size()) return true;
  for (char c : s.substr(at))
    if (!((c >= '0' && c <= '9') || c == ':' || c == '.' || c == ' ')) return s.substr(at).ends_with("น.");
  return true;
}

}  // namespace

std::optional<Date> parse_thai(std::string_view text) {
  const std::string s = ascii_digits(text::trim(text));
  std::size_t at = 0;
  std::size_t start = at;
  auto first = digits_at(s, at, 4);
  if (!first) return std::nullopt;
  std::size_t first_digits = at - start;
  if (at < s.size() && (s[at] == '-' || s[at] == '/') && first_digits == 4) {  // 2567-01-10
    char sep = s[at++];
    auto month = digits_at(s, at, 2);
    if (!month || at >= s.size() || s[at++] != sep) return std::nullopt;
    auto day = digits_at(s, at, 2);
    if (!day || !only_time_after(s, at)) return std::nullopt;
    return checked(ce_year_of(*first, 4), *month, *day);
  }
  if (first_digits > 2) return std::nullopt;
  if (at < s.size() && (s[at] == '/' || s[at] == '-')) {  // 10/01/2567
    char sep = s[at++];
    auto month = digits_at(s, at, 2);
    if (!month || at >= s.size() || s[at++] != sep) return std::nullopt;
    std::size_t y = at;
    auto year = digits_at(s, at, 4);
    if (!year || !only_time_after(s, at)) return std::nullopt;
    return checked(ce_year_of(*year, at - y), *month, *first);
  }
  skip_spaces(s, at);  // 10 ม.ค. 67
  std::string_view rest = std::string_view(s).substr(at);
  int month = 0;
  std::size_t name_size = 0;
  for (int m = 0; m < 12 && !month; ++m) {
    for (std::string_view name : {kThaiMonthsLong[m], kThaiMonthsShort[m]}) {
      if (rest.starts_with(name)) {
        month = m + 1;
        name_size = name.size();
        break;
      }
    }
  }
  // A short name without its last dot ("ม.ค 67") is still the month.
  if (!month) {
    for (int m = 0; m < 12 && !month; ++m) {
      std::string_view name = kThaiMonthsShort[m].substr(0, kThaiMonthsShort[m].size() - 1);
      if (rest.starts_with(name)) {
        month = m + 1;
        name_size = name.size();
      }
    }
  }
  if (!month) return std::nullopt;
  at += name_size;
  skip_spaces(s, at);
  if (std::string_view(s).substr(at).starts_with("พ.ศ.")) {
    at += std::string_view("พ.ศ.").size();
    skip_spaces(s, at);
  }
  std::size_t y = at;
  auto year = digits_at(s, at, 4);
  if (!year || !only_time_after(s, at)) return std::nullopt;
  return checked(ce_year_of(*year, at - y), month, *first);
}

std::string iso(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

Date local_date(Timestamp t) {
  auto local = sys_seconds(seconds(t)) + kThailandOffset;
  return Date{floor<days>(local)};
}

Timestamp start_of_day(Date d) { return (sys_seconds(sys_days(d)) - kThailandOffset).time_since_epoch().count(); }

Timestamp end_of_day(Date d) { return start_of_day(add_days(d, 1)) - 1; }

Date add_days(Date d, int n) { return Date{sys_days(d) + days(n)}; }

std::optional<Date> figures_as_of(FiscalYear year, Date today, Date since) {
  const Period days = year.period();
  if (today < days.first || days.last < since) return std::nullopt;
  return std::min(today, days.last);
}
int days_between(Date from, Date to) { return static_cast<int>((sys_days(to) - sys_days(from)).count()); }

Date last_day_of_month(int ce_year, unsigned m) {
  return Date{year_month_day_last{year{ce_year}, month_day_last{month{m}}}};
}

FiscalYear FiscalYear::of(Date d) {
  int ce = static_cast<int>(d.year());
  int end_ce = static_cast<unsigned>(d.month()) >= 10 ? ce + 1 : ce;
  return FiscalYear(end_ce + kBuddhistEraOffset);
}

Period FiscalYear::period() const {
  int end_ce = be_ - kBuddhistEraOffset;
  return {make_date(end_ce - 1, 10, 1), make_date(end_ce, 9, 30)};
}

Period FiscalYear::month(int index) const {
  assert(index >= 1 && index <= 12 && "fiscal month index is 1..12");
  int end_ce = be_ - kBuddhistEraOffset;
  unsigned m = static_cast<unsigned>((index + 8) % 12 + 1);  // 1→10, 3→12, 4→1, 12→9
  int y = m >= 10 ? end_ce - 1 : end_ce;
  return {make_date(y, m, 1), last_day_of_month(y, m)};
}

Period FiscalYear::quarter(int q) const {
  assert(q >= 1 && q <= 4 && "fiscal quarter is 1..4");
  return {month(3 * q - 2).first, month(3 * q).last};
}

Period FiscalYear::half(int h) const {
  assert((h == 1 || h == 2) && "fiscal half-year is 1 or 2");
  return {month(6 * h - 5).first, month(6 * h).last};
}

int FiscalYear::month_index(unsigned calendar_month) {
  return static_cast<int>((calendar_month + 2) % 12 + 1);  // 10→1, 12→3, 1→4, 9→12
}

int FiscalYear::quarter_of(Date d) { return (month_index(static_cast<unsigned>(d.month())) - 1) / 3 + 1; }

std::vector<std::pair<int, unsigned>> months_between(Date first, Date last) {
  std::vector<std::pair<int, unsigned>> out;
  year_month ym{first.year(), first.month()};
  year_month end{last.year(), last.month()};
  for (; ym <= end; ym += months(1)) {
    out.emplace_back(static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
  }
  return out;
}

std::string format(Date d, Lang lang, Style style) {
  return format_udate(to_udate(d), lang, style == Style::short_form ? "d MMM y" : "d MMMM y");
}

std::string format_time(Timestamp t, Lang lang, Style style) {
  UDate at = (static_cast<double>(t) + 7 * 3600.0) * 1000.0;  // shown as Thailand time
  return format_udate(at, lang, style == Style::short_form ? "d MMM y HH:mm" : "d MMMM y HH:mm");
}

std::string month_name(unsigned m, Lang lang, Style style) {
  return format_udate(to_udate(make_date(2000, m, 1)), lang, style == Style::short_form ? "MMM" : "MMMM");
}

std::string format_period(const Period& p, Lang lang) { return format(p.first, lang) + " – " + format(p.last, lang); }

}  // namespace prongsai::calendar
