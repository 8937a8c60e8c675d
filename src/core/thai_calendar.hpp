// Dates as Thai agencies write them: Buddhist era (BE = CE + 543), Thai month names, and the
// fiscal year of 1 October – 30 September named by the BE year in which it ends
// (FY2566 = 1 Oct 2022 – 30 Sep 2023). Quarters: Q1 Oct–Dec ... Q4 Jul–Sep; the first
// half-year ends in March.
//
// Dates are civil dates (std::chrono::year_month_day in CE). Instants are Unix seconds and
// are shown in Thailand time (UTC+7, no daylight saving).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/strings.hpp"

namespace prongsai::calendar {

using Date = std::chrono::year_month_day;
using Timestamp = std::int64_t;  // Unix seconds, UTC

constexpr int kBuddhistEraOffset = 543;
constexpr std::chrono::hours kThailandOffset{7};

Date make_date(int ce_year, unsigned month, unsigned day);
int be_year(Date d);
std::optional<Date> parse_iso(std::string_view yyyy_mm_dd);  // CE, "2023-10-01"
std::string iso(Date d);
// A date as Thai documents and e-GP data write it, time of day ignored: "10 ม.ค. 67",
// "10 ม.ค. 2567 14:30", "10 มกราคม 2567", "10/01/2567", "10/1/67", "2567-01-10" (BE) or
// "2024-01-10" (CE), in Arabic or Thai digits. A two-digit year is BE (67 → 2567); a four-digit
// year from 2400 on is BE, below it CE. nullopt for anything else, or a day the month lacks.
std::optional<Date> parse_thai(std::string_view text);
Date local_date(Timestamp t);    // the date in Thailand at instant t
Timestamp start_of_day(Date d);  // 00:00 Thailand time, as Unix seconds
Timestamp end_of_day(Date d);    // 23:59:59 Thailand time
Date add_days(Date d, int days);
int days_between(Date from, Date to);  // calendar days, negative when `to` is earlier
Date last_day_of_month(int ce_year, unsigned month);

// An inclusive range of days.
struct Period {
  Date first;
  Date last;
  bool contains(Date d) const { return d >= first && d <= last; }
  friend bool operator==(const Period&, const Period&) = default;
};

class FiscalYear {
 public:
  explicit FiscalYear(int be) : be_(be) {}
  static FiscalYear of(Date d);

  int be() const { return be_; }
  Period period() const;
  Period quarter(int q) const;    // 1..4
  Period half(int h) const;       // 1 (Oct–Mar), 2 (Apr–Sep)
  Period month(int index) const;  // 1 = October ... 12 = September
  // The fiscal month index (1..12) of a calendar month: October is 1, September is 12.
  static int month_index(unsigned calendar_month);
  static int quarter_of(Date d);
  bool contains(Date d) const { return period().contains(d); }
  FiscalYear next() const { return FiscalYear(be_ + 1); }
  FiscalYear previous() const { return FiscalYear(be_ - 1); }
  friend bool operator==(const FiscalYear&, const FiscalYear&) = default;

 private:
  int be_;
};

// The day figures of `year` are as of on `today`: today while the year runs, its last day once
// it has ended; nullopt for a year that has not begun, or that ended before `since` (when their
// keeping began: its figures would say nothing happened).
std::optional<Date> figures_as_of(FiscalYear year, Date today, Date since);

// The months a range covers, first to last, each as (CE year, month); crosses year ends.
std::vector<std::pair<int, unsigned>> months_between(Date first, Date last);

enum class Style {
  short_form,  // 24 พ.ย. 2569 / 24 Nov 2026
  long_form,   // 24 พฤศจิกายน 2569 / 24 November 2026
};

// Thai uses the Buddhist era; English the Common era. Formatting goes through ICU.
std::string format(Date d, Lang lang, Style style = Style::short_form);
std::string format_time(Timestamp t, Lang lang, Style style = Style::short_form);  // date + HH:mm
std::string month_name(unsigned month, Lang lang, Style style = Style::long_form);
std::string format_period(const Period& p, Lang lang);  // "1 ต.ค. 2565 – 30 ก.ย. 2566"

}  // namespace prongsai::calendar
