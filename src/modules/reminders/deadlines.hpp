// The reminders module's contract: one deadline calendar per agency and fiscal year, built
// each time from everything that is due elsewhere:
//
//   plan_report  a progress report of an O42 issue (Measures' schedule)      the units
//   oit          an OIT item's evidence for a period (Disclosure's registry):   the item's unit
//                a month or half-year by its last day; a yearly or standing
//                item by the last day of the NACC's OIT collection (framework data)
//   request      an E-Service request's target day (working days)           the unit holding it
//   complaint    a general complaint, answered within N working days        complaint officers
//   corruption   a corruption complaint, the same (no content, ever)         corruption officers
//   question     a Q&A question, answered within N working days             complaint officers
//   survey       a survey's closing day                                     the admin
//
// N for complaints and questions is the agency's setting; working days skip weekends and the
// agency's holidays (the E-Service's holiday list). Open cases and waiting questions stay on
// the current year's calendar however old they are. Who sees a deadline: the admin and
// executives every one; staff those of their units; complaint and corruption officers their
// channels'.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "core/thai_calendar.hpp"
#include "framework/framework.hpp"
#include "http/access.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/cases/cases.hpp"
#include "modules/channels/channels.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/measures/measures.hpp"
#include "modules/services/holidays.hpp"
#include "modules/surveys/surveys.hpp"
#include "store/store.hpp"

namespace prongsai::reminders {

enum class Source { plan_report, oit, request, complaint, corruption, question, survey };
std::string_view to_string(Source s);
enum class State { upcoming, due_today, overdue, done };
std::string_view to_string(State s);

struct Deadline {
  std::string uid;  // stable across builds: "report-12-2023-12-31", "oit-2566-O10-2023-01", "case-7"
  Source source = Source::plan_report;
  calendar::Date due;
  State state = State::upcoming;
  std::string title;  // what is due, in the page's language; never what a citizen wrote
  std::string href;   // the staff page where it is done
  std::vector<std::int64_t> unit_ids;
};

// The state of a deadline on `today`.
State state_of(calendar::Date due, bool done, calendar::Date today);

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
bool visible(const Deadline& d, const Scope& s);

// The executive view of a fiscal year: counts, never the content of a complaint.
struct Overview {
  int year = 0;
  // The plan's progress reports: done (or waiting for review), overdue, still ahead.
  int reports_done = 0, reports_overdue = 0, reports_ahead = 0;
  bool has_plan = false;
  // OIT readiness, item by item, and the estimate from it.
  int oit_ready = 0, oit_stale = 0, oit_missing = 0;
  std::optional<double> oit_score;
  // The channels today: waiting questions and open cases by age in days (0–7, 8–15, 16–30, 31+).
  int questions_waiting = 0;
  std::array<int, 4> complaints_by_age{}, corruption_by_age{}, requests_by_age{};
  int requests_overdue = 0;
  // Surveys and the ITA estimate.
  std::optional<surveys::Estimate> estimate;
  // What is overdue, oldest first, with who holds it.
  std::vector<Deadline> overdue;
};

class Calendar {
 public:
  Calendar(store::Store& store, const framework::Catalogue& frameworks, accounts::Service& accounts,
           measures::Service& measures, disclosure::Service& disclosure, cases::Service& cases,
           channels::Questions& questions, services::Holidays& holidays, surveys::Service& surveys, const Clock& clock)
      : store_(store),
        frameworks_(frameworks),
        accounts_(accounts),
        measures_(measures),
        disclosure_(disclosure),
        cases_(cases),
        questions_(questions),
        holidays_(holidays),
        surveys_(surveys),
        clock_(clock) {}

  // Every deadline of the agency's fiscal year, by day; `scope` keeps what it may see.
  std::vector<Deadline> build(std::int64_t agency_id, calendar::FiscalYear fy, calendar::Date today, Lang lang,
                              const Scope& scope);
  // The fiscal year of `today` (with last year's plan reports that fall in it) and the next,
  // each deadline once: what feeds and reminders look ahead to.
  std::vector<Deadline> build_ahead(std::int64_t agency_id, calendar::Date today, Lang lang, const Scope& scope);
  std::vector<Deadline> build(std::int64_t agency_id, calendar::FiscalYear fy, Lang lang, const Scope& scope) {
    return build(agency_id, fy, calendar::local_date(clock_.now()), lang, scope);
  }

  // Admin and executives.
  Result<Overview> overview(const http::Principal& by, calendar::FiscalYear fy, calendar::Date today, Lang lang);

  Settings settings(std::int64_t agency_id);
  // Admin only; whole numbers of working days, 1–60 (days before: 1–30).
  Result<void> set_settings(const http::Principal& by, std::string_view complaint_days, std::string_view question_days,
                            std::string_view days_before);

  accounts::Service& accounts() { return accounts_; }
  const Clock& clock() const { return clock_; }

 private:
  store::Store& store_;
  const framework::Catalogue& frameworks_;
  accounts::Service& accounts_;
  measures::Service& measures_;
  disclosure::Service& disclosure_;
  cases::Service& cases_;
  channels::Questions& questions_;
  services::Holidays& holidays_;
  surveys::Service& surveys_;
  const Clock& clock_;
};

}  // namespace prongsai::reminders
