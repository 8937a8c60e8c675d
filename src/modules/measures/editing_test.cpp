// Making a plan by hand: a new plan, issues with numbered steps, units and months, who may
// change what, and bad input that changes nothing.
#include <gtest/gtest.h>

#include "modules/measures/measures.hpp"
#include "testing/testing.hpp"

namespace prongsai::measures {
namespace {

struct EditingTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make();
    admin = f->principal("admin@example.org");
    staff = f->principal("staff@example.org");  // กองคลัง
    for (const auto& u : f->app->get<accounts::Service>().units(f->agency_id)) unit[u.name_th] = u.id;
  }
  Service& svc() { return f->app->get<measures::Service>(); }
  std::int64_t audit_rows() {
    return f->app->store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM audit_log"); });
  }
  IssueDraft o12() {
    IssueDraft d;
    d.item_code = "o12";
    d.steps = "เจ้าหน้าที่รายงานผลการดำเนินงานประจำปี\n\n3. ผู้บริหารกำกับติดตาม\nเผยแพร่บนเว็บไซต์";
    d.sub_questions = "หัวข้อหนึ่ง\n  \nหัวข้อสอง";
    d.target_answers = " มี /  ไม่มี ";
    d.cadence = "half_yearly";
    d.months = {"10", "4"};
    d.deadline_month = "12";
    d.unit_ids = {std::to_string(unit["กองคลัง"])};
    return d;
  }
  std::unique_ptr<testing::Fixture> f;
  http::Principal admin, staff;
  std::map<std::string, std::int64_t> unit;
};

TEST_F(EditingTest, AnOfficerBuildsAPlanIssueByIssue) {
  ASSERT_TRUE(svc().create_plan(staff, 2567, "", "กองคลัง"));
  auto again = svc().create_plan(admin, 2567, "", "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::conflict);

  auto id = svc().save_issue(staff, 2567, std::nullopt, o12());
  ASSERT_TRUE(id) << id.error().message_key << " " << id.error().field;
  auto p = svc().plan(f->agency_id, 2567);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->source, "manual");
  EXPECT_EQ(p->cited_year, 2566);
  EXPECT_NE(p->title.find("2567"), std::string::npos);
  ASSERT_EQ(p->issues.size(), 1u);
  const Issue& i = p->issues[0].issue;
  EXPECT_EQ(i.item_code, "O12");
  EXPECT_FALSE(i.question.empty()) << "the framework's wording fills an empty question";
  ASSERT_EQ(i.steps.size(), 3u);
  EXPECT_EQ(i.steps[0].number, 1);
  EXPECT_EQ(i.steps[1].number, 3);  // as typed
  EXPECT_EQ(i.steps[1].text, "ผู้บริหารกำกับติดตาม");
  EXPECT_EQ(i.steps[2].number, 4);
  EXPECT_EQ(i.sub_questions, (std::vector<std::string>{"หัวข้อหนึ่ง", "หัวข้อสอง"}));
  EXPECT_EQ(i.target_answers, (std::vector<std::string>{"มี", "ไม่มี"}));
  EXPECT_EQ(i.monitoring.months, (std::vector<unsigned>{10, 4}));  // fiscal-year order
  EXPECT_EQ(i.monitoring.deadline_month, 12u);
  EXPECT_EQ(p->issues[0].unit_ids, (std::vector<std::int64_t>{unit["กองคลัง"]}));
  // Its schedule follows: April and October of FY2567.
  auto s = svc().schedule(f->agency_id, *id);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->due.size(), 2u);

  // The form round-trips: what draft_of gives back saves to the same issue.
  IssueDraft d = draft_of(p->issues[0]);
  d.summary = "ดำเนินการครบทุกขั้นตอน";
  ASSERT_TRUE(svc().save_issue(staff, 2567, *id, d));
  auto after = svc().plan(f->agency_id, 2567);
  EXPECT_EQ(after->issues[0].issue.steps.size(), 3u);
  EXPECT_EQ(after->issues[0].issue.steps[1].number, 3);
  EXPECT_EQ(after->issues[0].issue.summary, "ดำเนินการครบทุกขั้นตอน");

  ASSERT_TRUE(svc().update_plan(admin, 2567, "แผนมาตรการ 2567", "สำนักปลัด"));
  EXPECT_EQ(svc().plan(f->agency_id, 2567)->prepared_by, "สำนักปลัด");
}

TEST_F(EditingTest, StaffChangeOnlyTheirUnitsIssuesAndOnlyTheAdminDeletes) {
  ASSERT_TRUE(svc().create_plan(admin, 2567, "", ""));
  IssueDraft other = o12();
  other.unit_ids = {std::to_string(unit["สำนักปลัด"])};
  auto denied = svc().save_issue(staff, 2567, std::nullopt, other);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().kind, ErrorKind::forbidden);
  auto id = svc().save_issue(admin, 2567, std::nullopt, other);
  ASSERT_TRUE(id);
  EXPECT_EQ(svc().save_issue(staff, 2567, *id, o12()).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(svc().delete_issue(staff, *id).error().kind, ErrorKind::forbidden);
  // Once progress is filed the issue stays.
  auto s = svc().schedule(f->agency_id, *id);
  ASSERT_TRUE(svc().file_progress(admin, *id, s->due.front(), WorkStatus::in_progress, "เริ่มแล้ว", ""));
  auto kept = svc().delete_issue(admin, *id);
  ASSERT_FALSE(kept);
  EXPECT_EQ(kept.error().message_key, "error.issue_has_reports");
  auto second = svc().save_issue(admin, 2567, std::nullopt, o12());
  ASSERT_TRUE(second);
  ASSERT_TRUE(svc().delete_issue(admin, *second));
  EXPECT_EQ(svc().plan(f->agency_id, 2567)->issues.size(), 1u);
}

TEST_F(EditingTest, BadInputIsRefusedByFieldAndChangesNothing) {
  ASSERT_TRUE(svc().create_plan(admin, 2567, "", ""));
  auto before = audit_rows();
  auto refuse = [&](IssueDraft d, const std::string& field) {
    auto r = svc().save_issue(admin, 2567, std::nullopt, d);
    ASSERT_FALSE(r) << field;
    EXPECT_EQ(r.error().field, field);
    EXPECT_EQ(r.error().kind, ErrorKind::invalid);
  };
  IssueDraft d = o12();
  d.item_code = "O99";
  refuse(d, "item_code");
  d = o12();
  d.item_code = "<script>";
  refuse(d, "item_code");
  d = o12();
  d.steps = "  \n ";
  refuse(d, "steps");
  d = o12();
  d.months = {"13"};
  refuse(d, "months");
  d = o12();
  d.deadline_month = "x";
  refuse(d, "deadline_month");
  d = o12();
  d.cadence = "weekly";
  refuse(d, "cadence");
  d = o12();
  d.unit_ids = {"999999"};
  refuse(d, "units");
  d = o12();
  d.unit_ids.clear();
  refuse(d, "units");
  d = o12();
  d.summary = std::string("ok\x01", 3);
  refuse(d, "summary");
  d = o12();
  d.outcome = std::string(20000, 'a');
  refuse(d, "outcome");
  d = o12();
  d.question = "\xff\xfe";
  refuse(d, "question");
  EXPECT_EQ(audit_rows(), before);
  EXPECT_TRUE(svc().plan(f->agency_id, 2567)->issues.empty());
  EXPECT_EQ(svc().create_plan(admin, 1999, "", "").error().field, "year");
  EXPECT_EQ(svc().save_issue(admin, 2400, std::nullopt, o12()).error().kind, ErrorKind::not_found);
  EXPECT_EQ(svc().save_issue(admin, 2568, 12345, o12()).error().kind, ErrorKind::not_found);
}

TEST_F(EditingTest, TheFirstIssueOfAYearWithNoPlanMakesThePlanInTheSameTransaction) {
  IssueDraft bad = o12();
  bad.steps = "";
  auto before = audit_rows();
  EXPECT_EQ(svc().save_issue(admin, 2568, std::nullopt, bad).error().field, "steps");
  EXPECT_FALSE(svc().plan(f->agency_id, 2568)) << "no plan left behind by a refused issue";
  EXPECT_EQ(audit_rows(), before);
  auto id = svc().save_issue(admin, 2568, std::nullopt, o12());
  ASSERT_TRUE(id);
  auto p = svc().plan(f->agency_id, 2568);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->cited_year, 2567);
  EXPECT_NE(p->title.find("2568"), std::string::npos);
  ASSERT_EQ(p->issues.size(), 1u);
  EXPECT_EQ(p->issues[0].id, *id);
  EXPECT_EQ(audit_rows(), before + 2) << "the plan and the issue";
}

}  // namespace
}  // namespace prongsai::measures
