// Publishing: an executive approves the plan as it stands; later changes wait for the next
// approval and become version 2, while version 1 stays exactly as approved.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "modules/measures/measures.hpp"
#include "testing/testing.hpp"

namespace prongsai::measures {
namespace {

struct PublishTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make();
    ASSERT_TRUE(svc().import_o43(store::Actor::cli(), f->agency_id, 2566,
                                 testing::read_source_file("data/seed/o43-report-na-mom-2566.txt")));
  }
  Service& svc() { return f->app->get<measures::Service>(); }
  std::unique_ptr<testing::Fixture> f;
};

TEST_F(PublishTest, EachApprovalIsAVersionAndEarlierOnesStayAsApproved) {
  auto exec = f->principal("executive@example.org");
  auto admin = f->principal("admin@example.org");
  EXPECT_FALSE(svc().publication(f->agency_id, 2566, std::nullopt));
  EXPECT_TRUE(svc().changed_since_approval(f->agency_id, 2566));
  EXPECT_EQ(svc().approve_plan(admin, 2566, "").error().kind, ErrorKind::forbidden);

  auto v1 = svc().approve_plan(exec, 2566, "อนุมัติตามที่เสนอ");
  ASSERT_TRUE(v1);
  EXPECT_EQ(*v1, 1);
  EXPECT_FALSE(svc().changed_since_approval(f->agency_id, 2566));
  auto again = svc().approve_plan(exec, 2566, "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message_key, "error.nothing_changed");

  // The officer writes the O24 outcome after publication.
  auto p = svc().plan(f->agency_id, 2566);
  const StoredIssue* o24 = nullptr;
  for (const auto& s : p->issues) {
    if (s.issue.item_code == "O24") o24 = &s;
  }
  ASSERT_NE(o24, nullptr);
  IssueDraft d = draft_of(*o24);
  d.outcome = "เผยแพร่รายงานครบถ้วนภายในเดือนตุลาคม 2566";
  ASSERT_TRUE(svc().save_issue(admin, 2566, o24->id, d));
  EXPECT_TRUE(svc().changed_since_approval(f->agency_id, 2566));
  EXPECT_EQ(svc().publication(f->agency_id, 2566, std::nullopt)->version, 1);

  ASSERT_EQ(*svc().approve_plan(exec, 2566, ""), 2);
  auto latest = svc().publication(f->agency_id, 2566, std::nullopt);
  auto first = svc().publication(f->agency_id, 2566, 1);
  ASSERT_TRUE(latest && first);
  EXPECT_EQ(latest->version, 2);
  EXPECT_EQ(first->note, "อนุมัติตามที่เสนอ");
  auto outcome = [](const Publication& pub) {
    for (const auto& s : pub.plan.issues) {
      if (s.issue.item_code == "O24") return s.issue.outcome;
    }
    return std::string();
  };
  EXPECT_EQ(outcome(*latest), "เผยแพร่รายงานครบถ้วนภายในเดือนตุลาคม 2566");
  EXPECT_NE(outcome(*first), outcome(*latest));
  EXPECT_EQ(first->plan.issues.size(), 14u);
  EXPECT_FALSE(first->agency_name.empty());
  EXPECT_EQ(svc().publications(f->agency_id, 2566).size(), 2u);
  EXPECT_FALSE(svc().publication(f->agency_id, 2566, 3));

  // A renamed unit does not change what version 2 says.
  auto units = f->app->get<accounts::Service>().units(f->agency_id);
  auto kong_klang = std::find_if(units.begin(), units.end(), [](const auto& u) { return u.name_th == "กองคลัง"; });
  ASSERT_TRUE(f->app->get<accounts::Service>().update_unit(admin, kong_klang->id, "กองการคลัง", "", true));
  auto doc = report_model(latest->plan, latest->agency_name, latest->units, ReportKind::report);
  EXPECT_EQ(doc.rows.size(), 14u);
  auto again_latest = svc().publication(f->agency_id, 2566, std::nullopt);
  bool old_name = false;
  for (const auto& u : again_latest->units) old_name = old_name || u.name_th == "กองคลัง";
  EXPECT_TRUE(old_name);
}

// The public page says which version of the cited year's framework the plan answers; a later
// correction of that year does not change what was approved.
TEST(Publish, APublicationKeepsTheFrameworkVersionThePlanWasMadeWith) {
  auto f = testing::Fixture::make();
  app::App& app = *f->app;
  auto correct = [&](const std::string& title) {
    auto doc = nlohmann::json::parse(*app.get<frameworks::Service>().export_year(2565));
    doc["title_th"] = title;
    return app.get<frameworks::Service>().publish(store::Actor::cli(), doc.dump(), "2565.json", "")->version;
  };
  ASSERT_EQ(correct("ITA 2565 (แก้ไข)"), 1);
  ASSERT_TRUE(app.get<measures::Service>().import_o43(
      store::Actor::cli(), f->agency_id, 2566, testing::read_source_file("data/seed/o43-report-na-mom-2566.txt")));
  ASSERT_TRUE(app.get<measures::Service>().approve_plan(f->principal("executive@example.org"), 2566, ""));
  ASSERT_EQ(correct("ITA 2565 (แก้ไขครั้งที่ 2)"), 2);
  auto pub = app.get<measures::Service>().publication(f->agency_id, 2566, std::nullopt);
  ASSERT_TRUE(pub);
  EXPECT_EQ(pub->plan.cited_year, 2565);
  EXPECT_EQ(pub->plan.framework_version, 1);
}

}  // namespace
}  // namespace prongsai::measures
