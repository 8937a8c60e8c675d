// `prongsai demo`: fills the demo agency (`init --demo`) with a fiscal year that is alive on
// the day it runs, through the same services a person uses, so that every page of the current
// year has something true to show: last year's EIT and IIT surveys with answers, this year's
// measures plan made from the items they flag (the proposals loop), approved, with progress
// reports filed and reviewed where their day has passed, the OIT registry partly filled, and
// this year's surveys answered so far.
//
// What the demo does on a day in the past (last year's surveys, a report filed last month) it
// does on that day: a ManualClock walks forward through the dates, so that stored dates, due
// states and audit times agree with each other. Answers are drawn from a seeded generator; the
// agency is marked a demo by its users (example.org) and its name as `init --demo` gave it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "core/clock.hpp"
#include "modules/about/about.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/contact/contact.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/library/library.hpp"
#include "modules/measures/measures.hpp"
#include "modules/news/news.hpp"
#include "modules/procurement/procurement.hpp"
#include "modules/qa/qa.hpp"
#include "modules/surveys/surveys.hpp"
#include "modules/website/website.hpp"

namespace prongsai::app {

struct DemoResult {
  int year = 0;  // the fiscal year filled
  std::size_t survey_responses = 0, plan_issues = 0, progress_reports = 0, oit_entries = 0;
};

// `clock` is the one `app` was opened with; it is left at `now`. Refused when the agency has
// no demo users, or already has a plan for the year (run once).
Result<DemoResult> fill_demo_year(App& app, ManualClock& clock, std::int64_t agency_id, std::int64_t now);

}  // namespace prongsai::app
