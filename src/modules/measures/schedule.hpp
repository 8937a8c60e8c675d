// When progress on an issue is due: a monitoring rule expanded into concrete dates of a
// fiscal year. Reports look back, so a named month is taken in the window November–October:
// "ทุก 6 เดือน ภายในเดือนเมษายน และเดือนตุลาคม" in FY2566 is 30 Apr 2023 (the first half) and
// 31 Oct 2023 (the second half, just after the year ends); a report "within December" is due
// 31 Dec 2022.
//
//   monthly              → the last day of each month, October to September (12)
//   quarterly            → 31 Dec, 31 Mar, 30 Jun, 30 Sep (4)
//   half_yearly, months  → the last day of each named month in the window
//   half_yearly          → 31 Mar and 30 Sep
//   yearly, deadline     → the last day of the deadline month in the window
//   yearly               → 30 Sep
//   unknown              → none: the officer sets dates by hand
#pragma once

#include <vector>

#include "core/thai_calendar.hpp"
#include "modules/measures/model.hpp"

namespace prongsai::measures {

std::vector<calendar::Date> due_dates(const Monitoring& m, calendar::FiscalYear fy);

}  // namespace prongsai::measures
