#include "core/working_days.hpp"

namespace prongsai::calendar {

bool WorkingDays::is_working_day(Date d) const {
  std::chrono::weekday w{std::chrono::sys_days{d}};
  if (w == std::chrono::Saturday || w == std::chrono::Sunday) return false;
  return !holidays_.contains(d);
}

Date WorkingDays::add(Date from, int n) const {
  Date d = from;
  while (n > 0) {
    d = add_days(d, 1);
    if (is_working_day(d)) --n;
  }
  return d;
}

int WorkingDays::between(Date from, Date to) const {
  int n = 0;
  for (Date d = add_days(from, 1); std::chrono::sys_days{d} <= std::chrono::sys_days{to}; d = add_days(d, 1))
    if (is_working_day(d)) ++n;
  return n;
}

}  // namespace prongsai::calendar
