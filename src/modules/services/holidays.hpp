// The agency's holidays (วันหยุด), by fiscal year: what working-day targets skip besides
// weekends. Public holidays on fixed dates can be added for a year in one step; Buddhist
// holidays and days in lieu, which move every year, and the agency's own are added by date.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/thai_calendar.hpp"
#include "core/working_days.hpp"
#include "http/access.hpp"
#include "store/store.hpp"

namespace prongsai::services {

struct Holiday {
  calendar::Date day;
  std::string name;
};

// The public holidays whose date is the same every year, in the fiscal year (Oct–Sep).
std::vector<Holiday> fixed_public_holidays(const calendar::FiscalYear& fy);

class Holidays {
 public:
  explicit Holidays(store::Store& store) : store_(store) {}

  std::vector<Holiday> in_year(std::int64_t agency_id, const calendar::FiscalYear& fy);
  // Working days with every holiday the agency keeps.
  calendar::WorkingDays working_days(std::int64_t agency_id);

  // Admin only. A day already listed is renamed.
  Result<void> add(const http::Principal& by, const std::string& iso_day, const std::string& name);
  Result<void> remove(const http::Principal& by, const std::string& iso_day);
  // Adds the fixed-date public holidays of the year that are not listed yet; how many.
  Result<int> add_fixed(const http::Principal& by, const calendar::FiscalYear& fy);

 private:
  store::Store& store_;
};

}  // namespace prongsai::services
