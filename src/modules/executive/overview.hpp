// The executives' view of a fiscal year (/executive): the plan's progress reports, OIT
// readiness and its estimate, the channels today (counts only, never what anybody wrote), the
// surveys and the ITA estimate, what is overdue on the calendar with who holds it, and the real
// results of past years beside their estimates. It reads the modules it comes after; nothing
// reads it.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "framework/framework.hpp"
#include "modules/assessment/assessment.hpp"
#include "modules/cases/cases.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/measures/measures.hpp"
#include "modules/qa/qa.hpp"
#include "modules/reminders/deadlines.hpp"
#include "modules/surveys/surveys.hpp"

namespace prongsai::executive {

struct Overview {
  int year = 0;
  // The plan's progress reports: done (or waiting for review), overdue, still ahead.
  int reports_done = 0, reports_overdue = 0, reports_ahead = 0;
  bool has_plan = false;
  // OIT readiness, item by item, and the estimate from it.
  int oit_ready = 0, oit_stale = 0, oit_missing = 0;
  std::optional<double> oit_score;
  // Evidence whose link or file stopped working: the item's code and since when (unix seconds).
  std::vector<std::pair<std::string, std::int64_t>> links_failing;
  // The channels today: waiting questions and open cases by age in days (0–7, 8–15, 16–30, 31+).
  int questions_waiting = 0;
  std::array<int, 4> complaints_by_age{}, corruption_by_age{}, requests_by_age{};
  int requests_overdue = 0;
  // Surveys and the ITA estimate.
  std::optional<surveys::Estimate> estimate;
  // What is overdue on the calendar, oldest first.
  std::vector<web::Deadline> overdue;
  // Each year whose real result from ITAS was recorded (the assessment module), newest first,
  // beside what Prongsai estimates for it from its own data.
  struct PastResult {
    int year = 0;
    std::optional<double> total, estimated_total;
    std::string level, estimated_level;
    bool final = false;
    std::size_t scored = 0, items = 0;
  };
  std::vector<PastResult> results;
};

class Overviews {
 public:
  Overviews(const framework::Catalogue& frameworks, measures::Service& measures, disclosure::Service& disclosure,
            cases::Service& cases, qa::Questions& questions, surveys::Service& surveys, reminders::Calendar& calendar,
            assessment::Results& results)
      : frameworks_(frameworks),
        measures_(measures),
        disclosure_(disclosure),
        cases_(cases),
        questions_(questions),
        surveys_(surveys),
        calendar_(calendar),
        results_(results) {}

  // Admin and executives.
  Result<Overview> overview(const http::Principal& by, calendar::FiscalYear fy, calendar::Date today, Lang lang);

  reminders::Calendar& calendar() { return calendar_; }

 private:
  const framework::Catalogue& frameworks_;
  measures::Service& measures_;
  disclosure::Service& disclosure_;
  cases::Service& cases_;
  qa::Questions& questions_;
  surveys::Service& surveys_;
  reminders::Calendar& calendar_;
  assessment::Results& results_;
};

}  // namespace prongsai::executive
