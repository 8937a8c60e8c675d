// Requests (คำขอรับบริการ) to the agency's services. A request is a case of the cases module
// (Channel::request): the same receipt code, status workflow, messages and attachments as a
// complaint, and one tracking page for both. This side knows the services: it checks the
// answers against the service's form, names the responsible unit and fixes the day the target
// falls on, counted in the agency's working days from the day the request came in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/thai_calendar.hpp"
#include "modules/cases/cases.hpp"
#include "modules/services/catalogue.hpp"
#include "modules/services/form.hpp"
#include "modules/services/holidays.hpp"
#include "modules/services/statistics.hpp"

namespace prongsai::services {

struct RequestInput {
  Input answers;                     // by the form's input names
  std::string name, phone, email;    // required or optional as the service says
  cases::Via via = cases::Via::web;  // staff entries: phone, letter, walk_in
  std::string notify, line_user;     // how the citizen asked to be told (cases::Content)
};

class Requests {
 public:
  Requests(Catalogue& catalogue, Holidays& holidays, cases::Service& cases, const Clock& clock)
      : catalogue_(catalogue), holidays_(holidays), cases_(cases), clock_(clock) {}

  // Where citizens' messages go (cases::Service::notify).
  const web::Notify* notify() const { return cases_.notify(); }
  // From the public form: a published service of the agency.
  Result<cases::Receipt> submit(std::int64_t agency_id, std::int64_t service_id, const RequestInput& in);
  // Entered by staff of the service's unit (or the admin) for a call, letter or visit.
  Result<cases::Receipt> enter(const http::Principal& by, std::int64_t service_id, const RequestInput& in);

  // The day a request to `s` received at `at` is due: its target_days working days later, or
  // calendar days when the service counts those (the PDPA's 30 days: a deadline on a Sunday
  // stays on the Sunday).
  calendar::Date due_day(std::int64_t agency_id, std::int64_t at, const Service& s);

  // The year's service statistics (public: counts and times only).
  ServiceStatistics statistics(std::int64_t agency_id, calendar::FiscalYear fy);

 private:
  Result<cases::Submission> submission(std::int64_t agency_id, const Service& s, const RequestInput& in);

  Catalogue& catalogue_;
  Holidays& holidays_;
  cases::Service& cases_;
  const Clock& clock_;
};

}  // namespace prongsai::services
