// The service statistics (ข้อมูลเชิงสถิติการให้บริการ) of a fiscal year, from the requests: per
// service and month, the requests received that month and what became of them (completed,
// completed within the target, refused, still open), the median time to complete in working
// days, and how they came (web, phone, letter, counter). Counts and times only: nothing a
// person wrote, nobody's name. A request counts in the month it was received, so a month's
// line reads "of the N requests of October, M were completed within the target".
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/thai_calendar.hpp"
#include "core/working_days.hpp"
#include "documents/table_report.hpp"
#include "modules/cases/cases.hpp"
#include "modules/services/catalogue.hpp"

namespace prongsai::services {

constexpr std::array<cases::Via, 4> kVias = {cases::Via::web, cases::Via::walk_in, cases::Via::phone,
                                             cases::Via::letter};

struct Figures {
  std::int64_t received = 0, completed = 0, on_time = 0, refused = 0, open = 0;
  std::array<std::int64_t, kVias.size()> by_via{};  // in kVias' order
  std::optional<std::int64_t> median_days;          // working days, received → completed
  void add(const Figures& o);                       // sums; the median is computed apart
};

struct Month {
  int ce_year = 0;
  unsigned month = 0;
  Figures figures;
};

struct ServiceLine {
  std::int64_t service_id = 0;
  std::string name_th, name_en;
  std::vector<Month> months;  // the fiscal year's twelve, October first
  Figures total;
};

struct ServiceStatistics {
  calendar::FiscalYear year{0};
  std::vector<ServiceLine> services;  // every service with a request in the year, by name
  std::vector<Month> months;          // all services together
  Figures total;
};

// From the year's request rows (cases::Service::request_rows) and the services' names.
// Working days are the agency's (for the median).
ServiceStatistics compute(calendar::FiscalYear fy, const std::vector<cases::RequestRow>& rows,
                          const std::vector<Service>& services, const calendar::WorkingDays& days);

// The figures as the official table: a line per service and month with requests, and a line
// per service for the year, then the agency's total. For PDF, XLSX, CSV, JSON and the OIT
// evidence.
documents::TableReport report(const ServiceStatistics& s, const std::string& agency_name, Lang lang,
                              calendar::Date as_of);
// A bar chart of the year's months: requests received and completed within the target, as an
// accessible SVG (role="img" with a title and a description that says the figures).
std::string chart_svg(const ServiceStatistics& s, Lang lang);

}  // namespace prongsai::services
