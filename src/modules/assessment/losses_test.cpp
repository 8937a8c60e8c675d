// Lost points into next year's plan on both backends: an OIT item whose latest score is 0 and an
// EIT or IIT item under the agency's target are proposed for the next fiscal year's plan; taken
// in through the prefilled issue form they show as in the plan; dropped only with a reason.
#include <gtest/gtest.h>

#include "modules/accounts/accounts.hpp"
#include "modules/assessment/assessment.hpp"
#include "modules/measures/measures.hpp"
#include "modules/surveys/surveys.hpp"
#include "testing/testing.hpp"

namespace prongsai::assessment {
namespace {

struct LossesTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make();
    admin = f->principal("admin@example.org");
    staff = f->principal("staff@example.org");
  }
  Losses& losses() { return f->app->get<Losses>(); }
  Results& results() { return f->app->get<Results>(); }
  std::int64_t count(std::string_view sql) {
    return f->app->store().read([&](store::ReadTx& tx) { return tx.count(sql); });
  }
  std::vector<std::string> codes() {
    std::vector<std::string> out;
    auto all = losses().proposals(admin, 2566);
    for (const LostPoint& p : all->items) out.push_back(p.item->code);
    return out;
  }
  void record() {
    ASSERT_TRUE(results().save_items(admin, 2566, Stage::preliminary,
                                     {{"O1", "100", ""}, {"O2", "0", "ไม่พบคำสั่ง"}, {"O3", "0", ""}}));
    ASSERT_TRUE(results().save_items(admin, 2566, Stage::final, {{"O3", "100", "ชี้แจงแล้ว"}}));
    auto n = results().import_survey_items(admin, 2566, "ข้อ\tคะแนน\nE1\t72.40\nE2\t90\nI3\t84.99\n");
    ASSERT_TRUE(n) << n.error().detail;
    EXPECT_EQ(*n, 3u);
  }

  std::unique_ptr<testing::Fixture> f;
  http::Principal admin, staff;
};

TEST_F(LossesTest, AZeroAndALowSurveyItemAreProposedAndAcceptedShowInTheNextPlan) {
  record();
  auto all = losses().proposals(admin, 2566);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->plan_year, 2567);
  EXPECT_EQ(all->target, 85);
  EXPECT_FALSE(all->plan_exists);
  // O2 (0), not O3 (final 100 after a preliminary 0); E1 and I3 under 85, lowest first; not E2.
  EXPECT_EQ(codes(), (std::vector<std::string>{"O2", "E1", "I3"}));
  const LostPoint& o2 = all->items[0];
  EXPECT_EQ(o2.plan_code, "O2");
  EXPECT_EQ(o2.comment, "ไม่พบคำสั่ง");
  EXPECT_FALSE(o2.issue_id);
  EXPECT_NEAR(all->items[1].score, 72.4, 1e-9);

  // Taken in through the prefilled form: the next year's plan gets an issue for O2.
  measures::Service& measures = f->app->get<measures::Service>();
  const framework::Framework& y2566 = *f->app->catalogue().year(2566);
  measures::IssueDraft draft = measures::draft_for_item(y2566, *y2566.item("O2"));
  for (const auto& u : f->app->get<accounts::Service>().units(f->agency_id))
    if (u.name_th == "สำนักปลัด") draft.unit_ids = {std::to_string(u.id)};
  draft.steps = "1. จัดทำคำสั่งแบ่งงานและเผยแพร่";
  draft.months = {"12", "3", "6", "9"};
  draft.deadline_month = "9";
  auto issue = measures.save_issue(admin, 2567, std::nullopt, draft);
  ASSERT_TRUE(issue) << issue.error().field << " " << issue.error().message_key;
  all = losses().proposals(admin, 2566);
  EXPECT_TRUE(all->plan_exists);
  EXPECT_EQ(all->items[0].issue_id, *issue);

  // A target of 80 leaves I3 out.
  ASSERT_TRUE(f->app->get<surveys::Service>().set_target(admin, "80"));
  EXPECT_EQ(codes(), (std::vector<std::string>{"O2", "E1"}));
}

// The plan made from the year's result cites it, as the seed's plan does, once the result is
// final: 2566 with O1 and O42 at 0, IIT 90, EIT 80.50 is 85.75, grade A (assessment_test.cpp).
TEST_F(LossesTest, TheNextPlansDocumentCitesTheFinalResult) {
  measures::Service& measures = f->app->get<measures::Service>();
  ASSERT_TRUE(measures.create_plan(admin, 2567, "", ""));
  auto intro = [&] { return measures.report(f->agency_id, 2567, measures::ReportKind::plan)->intro; };
  EXPECT_EQ(intro().find("ได้คะแนน"), std::string::npos) << "nothing recorded";
  std::vector<ItemScoreInput> lines;
  for (const framework::Item* item : f->app->catalogue().year(2566)->items_of(framework::Tool::oit))
    lines.push_back({item->code, item->code == "O1" || item->code == "O42" ? "0" : "100", ""});
  ASSERT_TRUE(results().save_items(admin, 2566, Stage::preliminary, lines));
  ASSERT_TRUE(results().save_tools(admin, 2566, {{"iit", "90"}, {"eit", "80.50"}}));
  EXPECT_EQ(intro().find("ได้คะแนน"), std::string::npos) << "preliminary scores are not cited";
  ASSERT_TRUE(results().save_items(admin, 2566, Stage::final, lines));
  EXPECT_NE(intro().find("(ITA) ประจำปี พ.ศ. 2566 ซึ่งหน่วยงานได้คะแนน 85.75 คะแนน ระดับ A"), std::string::npos) << intro();
  EXPECT_EQ(measures.report(f->agency_id, 2567, measures::ReportKind::report)->intro.find("ได้คะแนน"), std::string::npos)
      << "the report on the measures says what was done, not the result";
}

TEST_F(LossesTest, ADropNeedsAReasonAndCanBeTakenBack) {
  record();
  EXPECT_EQ(losses().drop(admin, 2566, "E1", " ").error().field, "reason");
  EXPECT_EQ(losses().drop(admin, 2566, "E1", std::string(kMaxDropReason + 1, 'x')).error().field, "reason");
  EXPECT_EQ(losses().drop(admin, 2566, "E2", "ดีอยู่แล้ว").error().kind, ErrorKind::not_found) << "not proposed";
  EXPECT_EQ(losses().drop(staff, 2566, "E1", "เหตุผล").error().kind, ErrorKind::forbidden);
  EXPECT_EQ(count("SELECT COUNT(*) FROM assessment_loss_drops"), 0);

  ASSERT_TRUE(losses().drop(admin, 2566, "e1", "แก้ด้วยโครงการอบรมที่มีอยู่แล้ว"));
  auto all = losses().proposals(admin, 2566);
  const LostPoint& e1 = all->items[1];
  ASSERT_EQ(e1.item->code, "E1");
  EXPECT_TRUE(e1.dropped);
  EXPECT_EQ(e1.drop_reason, "แก้ด้วยโครงการอบรมที่มีอยู่แล้ว");
  EXPECT_FALSE(e1.dropped_by.empty());
  ASSERT_TRUE(losses().drop(admin, 2566, "E1", "อีกครั้ง"));  // dropped already: kept as it was
  EXPECT_EQ(losses().proposals(admin, 2566)->items.at(1).drop_reason, "แก้ด้วยโครงการอบรมที่มีอยู่แล้ว");
  ASSERT_TRUE(losses().restore(admin, 2566, "E1"));
  EXPECT_FALSE(losses().proposals(admin, 2566)->items.at(1).dropped);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'ita_loss'"), 2);
}

TEST_F(LossesTest, SurveyItemScoresArePastedWholeOrNotAtAll) {
  auto refused = [&](std::string_view text) {
    auto r = results().import_survey_items(admin, 2566, text);
    EXPECT_FALSE(r) << text;
    return r ? Error{} : r.error();
  };
  EXPECT_EQ(refused("E1\t72.40\nO1\t100").shown, "O1") << "an OIT item belongs to the other paste";
  EXPECT_EQ(refused("E1\t72.40\nE99\t50").shown, "E99");
  EXPECT_EQ(refused("E1\t72.405").message_key, "assessment.score_decimal");
  EXPECT_EQ(refused("E1\t100.01").message_key, "assessment.score_decimal");
  EXPECT_EQ(refused("E1\nE2\t50").message_key, "assessment.import_line");
  EXPECT_EQ(refused("").field, "survey_import");
  EXPECT_EQ(results().import_survey_items(staff, 2566, "E1\t50").error().kind, ErrorKind::forbidden);
  EXPECT_TRUE(results().survey_items(f->agency_id, 2566).empty());

  ASSERT_TRUE(results().import_survey_items(admin, 2566, "E1,72.4\nI3,84"));
  EXPECT_EQ(results().survey_items(f->agency_id, 2566), (std::map<std::string, double>{{"E1", 72.4}, {"I3", 84}}));
  const std::int64_t audited = count("SELECT COUNT(*) FROM audit_log WHERE entity = 'ita_survey_item_score'");
  EXPECT_EQ(audited, 2);
  ASSERT_TRUE(results().import_survey_items(admin, 2566, "E1,72.40\nI3,"));  // the same, and I3 cleared
  EXPECT_EQ(results().survey_items(f->agency_id, 2566), (std::map<std::string, double>{{"E1", 72.4}}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'ita_survey_item_score'"), audited + 1);
}

}  // namespace
}  // namespace prongsai::assessment
