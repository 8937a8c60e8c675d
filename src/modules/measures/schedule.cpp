// See schedule.hpp.
#include "modules/measures/schedule.hpp"

#include <algorithm>

namespace prongsai::measures {
namespace {

// The last day of `month` in the window November (of the year the FY starts) to October
// (of the year it ends).
calendar::Date in_window(unsigned month, calendar::FiscalYear fy) {
  int end_ce = fy.be() - calendar::kBuddhistEraOffset;
  int year = month >= 11 ? end_ce - 1 : end_ce;
  return calendar::last_day_of_month(year, month);
}

}  // namespace

std::vector<calendar::Date> due_dates(const Monitoring& m, calendar::FiscalYear fy) {
  std::vector<calendar::Date> out;
  switch (m.cadence) {
    case Cadence::monthly:
      for (int i = 1; i <= 12; ++i) out.push_back(fy.month(i).last);
      break;
    case Cadence::quarterly:
      for (int q = 1; q <= 4; ++q) out.push_back(fy.quarter(q).last);
      break;
    case Cadence::half_yearly:
      if (m.months.empty()) {
        out = {fy.half(1).last, fy.half(2).last};
      } else {
        for (unsigned month : m.months) out.push_back(in_window(month, fy));
      }
      break;
    case Cadence::yearly: out.push_back(m.deadline_month ? in_window(m.deadline_month, fy) : fy.period().last); break;
    case Cadence::unknown: break;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace prongsai::measures
