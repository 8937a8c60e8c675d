// `prongsai demo` fills the current fiscal year through the services: last year's surveys
// flag items, the plan is made from those proposals, approved, reported on; the OIT registry
// and this year's surveys give an estimate with a level.
#include "app/demo.hpp"

#include <gtest/gtest.h>
#include <algorithm>

#include "modules/procurement/procurement.hpp"
#include "modules/procurement/publish.hpp"
#include "testing/testing.hpp"

namespace prongsai::app {
namespace {

std::int64_t noon(int y, unsigned m, unsigned d) {
  return calendar::start_of_day(calendar::make_date(y, m, d)) + 12 * 3600;
}

TEST(Demo, FillsTheCurrentYearThroughTheServices) {
  auto f = testing::Fixture::make();
  const std::int64_t now = noon(2026, 12, 5);  // FY2570, its third month
  auto r = fill_demo_year(*f->app, *f->clock, f->agency_id, now);
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->year, 2570);
  EXPECT_EQ(f->clock->now(), now) << "the clock is left where it was asked to end";
  EXPECT_EQ(r->survey_responses, 117u);
  EXPECT_GE(r->plan_issues, 3u);
  EXPECT_GE(r->progress_reports, 1u);
  EXPECT_GE(r->oit_entries, 5u);
  // The procurement officer published October's and November's summaries (on the 5th of the
  // next month): the monthly procurement item is Prongsai's own, not a typed entry.
  auto summaries = f->app->get<procurement::Summaries>().published(f->agency_id, 2570);
  ASSERT_EQ(summaries.size(), 2u);
  EXPECT_EQ(summaries[0].month, "2026-10");
  EXPECT_EQ(summaries[0].projects, 2);
  EXPECT_EQ(summaries[1].month, "2026-11");
  // And last year's report, which this year's annual procurement item asks for.
  auto annual = f->app->get<procurement::Summaries>().published_year(f->agency_id, 2569);
  ASSERT_TRUE(annual);
  EXPECT_EQ(annual->projects, 12);
  auto purchase_plan = f->app->get<procurement::Summaries>().published_plan(f->agency_id, 2570);
  ASSERT_TRUE(purchase_plan);
  EXPECT_EQ(purchase_plan->lines, 4);
  // The library's documents, each with its PDF: four, and October's e-bidding purchase's
  // invitation and winner announcement, put with it.
  auto& library = f->app->get<library::Library>();
  auto documents = library.find(f->agency_id, {}, 100, 0).documents;
  EXPECT_EQ(documents.size(), 6u);
  auto october = f->app->get<procurement::Register>().projects(f->agency_id, 2570);
  auto bid = std::find_if(october.begin(), october.end(),
                          [](const procurement::Project& p) { return p.method == "e_bidding"; });
  ASSERT_NE(bid, october.end());
  ASSERT_EQ(bid->documents.size(), 2u);
  EXPECT_EQ(bid->documents[0].role, "invitation");
  EXPECT_EQ(bid->documents[1].role, "winner");
  for (const library::Document& d : documents) {
    auto doc = library.get(f->agency_id, d.id);
    ASSERT_EQ(doc->files.size(), 1u) << d.title;
    auto file = library.file(f->agency_id, d.id, doc->files[0].id);
    ASSERT_TRUE(file) << d.title;
    EXPECT_TRUE(file->second.starts_with("%PDF-")) << d.title;
    EXPECT_EQ(file->first.content_type, "application/pdf");
  }

  // The plan answers ITA 2569's weak points, and an executive approved it for the public.
  auto plan = f->app->get<measures::Service>().plan(f->agency_id, 2570);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->cited_year, 2569);
  EXPECT_EQ(plan->issues.size(), r->plan_issues);
  auto admin = f->principal("admin@example.org");
  auto proposals = f->app->get<surveys::Service>().proposals(admin, 2569);
  ASSERT_TRUE(proposals);
  for (const surveys::Proposal& p : proposals->items) EXPECT_TRUE(p.issue_id) << p.code << " is in the plan";
  EXPECT_TRUE(f->app->get<measures::Service>().publication(f->agency_id, 2570, std::nullopt));

  // Reports whose day has passed are filed, all but one left overdue, as in real life.
  int done = 0, overdue = 0;
  for (const measures::DueItem& d :
       f->app->get<measures::Service>().due_items(f->agency_id, 2570, calendar::local_date(now))) {
    done += d.state == measures::DueState::done || d.state == measures::DueState::waiting_for_review;
    overdue += d.state == measures::DueState::overdue;
  }
  EXPECT_EQ(static_cast<std::size_t>(done), r->progress_reports);
  EXPECT_EQ(overdue, 1);

  // The year's estimate is complete and reported as a level of ITA 2570's (provisional) framework.
  auto reg = f->app->get<disclosure::Service>().registry(f->agency_id, 2570, calendar::local_date(now), Lang::th);
  ASSERT_TRUE(reg);
  // The items the demo's own pages answer are filled by them, and no demo text stands in for
  // them: contact and Q&A, news, participation, the measures plan.
  for (std::string_view role : {framework::role::contact, framework::role::questions, framework::role::news,
                                framework::role::participation, framework::role::measures_plan}) {
    const framework::Item* item = reg->framework->by_role(role);
    ASSERT_TRUE(item) << role;
    const disclosure::ItemState* state = reg->find(item->code);
    ASSERT_TRUE(state);
    EXPECT_EQ(state->readiness.status, disclosure::Status::ready) << item->code << " " << state->readiness.reason;
    for (const disclosure::Slot& slot : state->slots)
      for (const disclosure::Evidence& e : slot.entries) EXPECT_TRUE(e.produced) << item->code << " " << e.title;
  }
  auto e = f->app->get<surveys::Service>().estimate(f->principal("executive@example.org"), 2570, reg->estimate.total);
  ASSERT_TRUE(e);
  ASSERT_TRUE(e->total);
  EXPECT_TRUE(e->by_level);
  EXPECT_TRUE(e->provisional);
  const auto& levels = f->app->catalogue().year(2570)->levels;
  EXPECT_TRUE(std::any_of(levels.begin(), levels.end(), [&](const auto& l) { return l.name_th == e->grade; }))
      << e->grade;

  // Once: a second run is refused, and nothing more is written.
  auto again = fill_demo_year(*f->app, *f->clock, f->agency_id, now);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::conflict);
}

TEST(Demo, AYearWithNoFrameworkIsSaidNotFilled) {
  auto f = testing::Fixture::make();
  auto r = fill_demo_year(*f->app, *f->clock, f->agency_id, noon(2028, 12, 5));  // FY2572
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message_key, "error.no_framework");
  EXPECT_FALSE(f->app->get<measures::Service>().plan(f->agency_id, 2572));
}

}  // namespace
}  // namespace prongsai::app
