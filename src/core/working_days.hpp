// Working days (วันทำการ): Monday to Friday, less the holidays the agency keeps (public holidays
// and its own). Service targets in the E-Service are counted in them: a request received on
// a Friday evening with a target of 3 working days is due on Wednesday.
#pragma once

#include <set>
#include <vector>

#include "core/thai_calendar.hpp"

namespace prongsai::calendar {

class WorkingDays {
 public:
  WorkingDays() = default;
  explicit WorkingDays(const std::vector<Date>& holidays) : holidays_(holidays.begin(), holidays.end()) {}

  bool is_working_day(Date d) const;
  // The day `n` working days after `from` (`from` itself not counted; n = 0: `from`).
  Date add(Date from, int n) const;
  // Working days after `from` up to and including `to` (0 when `to` is not after `from`):
  // received Friday, done the next Tuesday → 2.
  int between(Date from, Date to) const;

 private:
  std::set<Date> holidays_;
};

}  // namespace prongsai::calendar
