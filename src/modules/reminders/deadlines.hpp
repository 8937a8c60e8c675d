// The reminders module's contract: one deadline calendar per agency and fiscal year, built
// each time from every deadline source the modules name in their manifests (web/deadlines.hpp).
// The hub decides who sees a deadline: the admin and executives every one; a source's holders
// the rest (its role's members, or the members of the deadline's units). It keeps the agency's
// targets for complaints and questions (N working days), which sources read from the query,
// and knows no other module.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/thai_calendar.hpp"
#include "http/access.hpp"
#include "modules/accounts/accounts.hpp"
#include "store/store.hpp"
#include "web/deadlines.hpp"
#include "web/module.hpp"

namespace prongsai::reminders {

using Deadline = web::Deadline;
using State = web::DeadlineState;
using web::state_of;
using web::to_string;

struct Settings {
  int complaint_days = 15;  // the Prime Minister's Office rule on complaints: an answer within 15 days
  int question_days = 5;
  int days_before = 3;  // the first e-mail reminder, this many days before the due day
};
constexpr int kMinTargetDays = 1, kMaxTargetDays = 60, kMaxDaysBefore = 30;

// Whose calendar: everything (the agency), one unit's, or what a user may see.
struct Scope {
  enum class Kind { agency, unit, user } kind = Kind::agency;
  std::optional<std::int64_t> unit_id;
  http::RoleSet roles;                 // user
  std::vector<std::int64_t> unit_ids;  // user
};
Scope scope_of(const http::Principal& p, const std::vector<std::int64_t>& unit_ids);
// Whether `s` sees `d`, whose source's holders are `holders` (DeadlineSource::holders).
bool visible(const Deadline& d, const Scope& s, std::optional<http::Role> holders);

class Calendar {
 public:
  // Reads the deadline sources of every module on `host`.
  Calendar(store::Store& store, web::Host& host, accounts::Service& accounts, const Clock& clock);

  // Every deadline of the agency's fiscal year, by day; `scope` keeps what it may see.
  std::vector<Deadline> build(std::int64_t agency_id, calendar::FiscalYear fy, calendar::Date today, Lang lang,
                              const Scope& scope);
  // The fiscal year of `today` (with last year's plan reports that fall in it) and the next,
  // each deadline once: what feeds and reminders look ahead to.
  std::vector<Deadline> build_ahead(std::int64_t agency_id, calendar::Date today, Lang lang, const Scope& scope);
  std::vector<Deadline> build(std::int64_t agency_id, calendar::FiscalYear fy, Lang lang, const Scope& scope) {
    return build(agency_id, fy, calendar::local_date(clock_.now()), lang, scope);
  }

  Settings settings(std::int64_t agency_id);
  // Admin only; whole numbers of working days, 1–60 (days before: 1–30).
  Result<void> set_settings(const http::Principal& by, std::string_view complaint_days, std::string_view question_days,
                            std::string_view days_before);

  // Who holds the deadlines of `source` (DeadlineSource::holders).
  std::optional<http::Role> holders(std::string_view source) const;
  // The sources' names, in the order of the modules: a digest counts them in this order.
  std::vector<std::string> sources() const;

  accounts::Service& accounts() { return accounts_; }
  const Clock& clock() const { return clock_; }

 private:
  store::Store& store_;
  web::Host& host_;
  accounts::Service& accounts_;
  const Clock& clock_;
  std::vector<const web::DeadlineSource*> sources_;
};

}  // namespace prongsai::reminders
