// A new module is a folder and a line in the list: the example module (module.cpp beside this
// file) is added to the installation's list here, and its route answers through the real
// pipeline, its job runs in the background round, its deadline is on the calendar (and only
// its holders see it), its dataset is on the open-data page, and its page is evidence of the OIT
// item holding its role, with no other edit anywhere.
#include <gtest/gtest.h>

#include "app/serve.hpp"
#include "example_module/module.hpp"
#include "http/pipeline.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "store/jobs.hpp"
#include "testing/testing.hpp"

namespace prongsai {
namespace {

struct ExampleModule : ::testing::Test {
  void SetUp() override {
    std::vector<const web::Module*> list = app::modules();
    list.push_back(&example::manifest());
    f = testing::Fixture::make(list);
    f->app->mount_routes();
    pipeline = std::make_unique<http::Pipeline>(f->app->router(), f->app->limits(), app::edge_hooks(*f->app),
                                                f->app->csrf_key(), http::CookieOptions{});
  }
  http::Response get(const std::string& path) {
    http::Request req;
    req.method = http::Method::get;
    req.target = path;
    req.headers.emplace_back("host", "localhost");
    http::Response res = pipeline->handle(req);
    res.unready();  // a page cache hit, with its body
    return res;
  }
  std::unique_ptr<testing::Fixture> f;
  std::unique_ptr<http::Pipeline> pipeline;
};

TEST_F(ExampleModule, ContributesARouteAJobADeadlineADatasetAndEvidenceFromItsManifestAlone) {
  EXPECT_EQ(get("/example/runs").body, "runs 0");

  store::Jobs jobs(f->app->store(), "test-node");
  f->app->tick(jobs, f->clock->now());
  f->app->tick(jobs, f->clock->now());
  EXPECT_EQ(f->app->get<example::Runs>().count, 2) << "a job without `due` runs at every tick";
  EXPECT_EQ(get("/example/runs").body, "runs 2");

  auto& calendar = f->app->get<reminders::Calendar>();
  auto deadlines = [&](const reminders::Scope& scope) {
    return calendar.build(f->agency_id, calendar::FiscalYear(2567), Lang::th, scope);
  };
  auto find = [](const std::vector<web::Deadline>& all) {
    return std::find_if(all.begin(), all.end(), [](const web::Deadline& d) { return d.source == "example"; });
  };
  auto all = deadlines(reminders::Scope{});
  auto it = find(all);
  ASSERT_NE(it, all.end());
  EXPECT_EQ(it->uid, "example-2567");
  EXPECT_EQ(calendar::iso(it->due), "2024-09-30");
  EXPECT_EQ(it->href, "/example/runs");
  http::Principal staff = f->principal("staff@example.org");
  auto seen_by_staff = deadlines(reminders::scope_of(staff, {}));
  EXPECT_EQ(find(seen_by_staff), seen_by_staff.end()) << "its holders are the admins";
  EXPECT_EQ(calendar.holders("example"), http::Role::admin);
  EXPECT_EQ(calendar.sources().back(), "example") << "after every module before it in the list";

  // Its dataset is on the open-data page, and served by the hub from the table it gives.
  std::string data = get("/opendata").body;
  EXPECT_NE(data.find("id=\"example-runs\""), std::string::npos);
  EXPECT_NE(data.find("/opendata/example-runs/2567.csv"), std::string::npos);
  EXPECT_NE(get("/opendata/example-runs/2567.csv").body.find("\"runs\"\r\n\"2\""), std::string::npos);

  // ITA 2567's participation item lists the example's page beside what the news module gives.
  auto reg =
      f->app->get<disclosure::Service>().registry(f->agency_id, 2567, calendar::make_date(2024, 1, 10), Lang::th);
  ASSERT_TRUE(reg);
  const disclosure::ItemState* item = reg->find(reg->framework->by_role(framework::role::participation)->code);
  ASSERT_TRUE(item);
  auto& entries = item->slots.at(0).entries;
  auto mine = std::find_if(entries.begin(), entries.end(), [](const auto& e) { return e.url == "/example/runs"; });
  ASSERT_NE(mine, entries.end());
  EXPECT_TRUE(mine->produced);
  EXPECT_EQ(item->readiness.status, disclosure::Status::ready);
}

TEST_F(ExampleModule, AModuleThatComesAfterOneNotBeforeItIsRefusedAtStart) {
  static const web::Module early{.name = "early", .after = {"reminders"}};
  std::vector<const web::Module*> list = {&early};
  for (const web::Module* m : app::modules()) list.push_back(m);
  app::Options options;
  testing::TempDir dir;
  options.db_url = testing::fresh_db_url(dir);
  options.modules = list;
  EXPECT_THROW((void)app::App::open(options), std::logic_error);
}

}  // namespace
}  // namespace prongsai
