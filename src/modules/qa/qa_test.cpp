// Questions and answers on both backends: the life of a question with and without approval,
// codes, staff entry, response times by hand, the six-monthly summary, and refusals.
#include <gtest/gtest.h>

#include "core/thai_calendar.hpp"
#include "modules/qa/qa.hpp"
#include "testing/testing.hpp"

namespace prongsai::qa {
namespace {

TEST(ResponseTimes, NearestRankMedianAndNinetiethPercentileByHand) {
  EXPECT_EQ(stats::nearest_rank({}).count, 0);
  EXPECT_FALSE(stats::nearest_rank({}).median);
  auto one = stats::nearest_rank({3600});
  EXPECT_EQ(one.median, 3600);
  EXPECT_EQ(one.p90, 3600);
  // 10 values, unsorted: median = 5th smallest, p90 = 9th smallest.
  auto ten = stats::nearest_rank({10, 100, 20, 90, 30, 80, 40, 70, 50, 60});
  EXPECT_EQ(ten.count, 10);
  EXPECT_EQ(ten.median, 50);
  EXPECT_EQ(ten.p90, 90);
  // 11 values: median = 6th, p90 = ceil(9.9) = 10th.
  auto eleven = stats::nearest_rank({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  EXPECT_EQ(eleven.median, 6);
  EXPECT_EQ(eleven.p90, 10);
}

struct QaTest : ::testing::Test {
  void SetUp() override { f = testing::Fixture::make(); }
  Questions& qa() { return f->app->get<qa::Questions>(); }
  http::Principal officer() { return f->principal("complaints@example.org"); }
  std::int64_t count() {
    return f->app->store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM qa_questions"); });
  }
  std::unique_ptr<testing::Fixture> f;
};

TEST_F(QaTest, AQuestionIsAnsweredAndPublishedAndTheAskerFollowsItByCode) {
  auto code = qa().ask(f->agency_id, "", "เบี้ยยังชีพผู้สูงอายุจ่ายวันที่เท่าไรครับ");
  ASSERT_TRUE(code) << code.error().detail;
  auto mine = qa().track(f->agency_id, *code);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->status, QuestionStatus::waiting);
  EXPECT_EQ(qa().published_count(f->agency_id), 0);

  f->clock->advance(3 * 3600);
  ASSERT_TRUE(qa().answer(officer(), mine->id, "จ่ายทุกวันที่ 10 ของเดือน ผ่านบัญชีธนาคารของผู้มีสิทธิ"));
  auto answered = qa().track(f->agency_id, *code);
  EXPECT_EQ(answered->status, QuestionStatus::published);
  EXPECT_EQ(*answered->answered_at - answered->asked_at, 3 * 3600);
  ASSERT_EQ(qa().published(f->agency_id, 20, 0).size(), 1u);
  calendar::FiscalYear fy = calendar::FiscalYear::of(calendar::local_date(f->clock->now()));
  auto times = qa().public_times(f->agency_id, fy.period());
  EXPECT_EQ(times.count, 1);
  EXPECT_EQ(times.median, 3 * 3600);

  // Unknown, mistyped and malformed codes are alike: not found.
  EXPECT_EQ(qa().track(f->agency_id, "00000-00000-00000-00000").error().kind, ErrorKind::not_found);
  EXPECT_EQ(qa().track(f->agency_id, "ไม่ใช่รหัส").error().kind, ErrorKind::not_found);
}

// The question goes public with its answer: the asker's phone in it holds the answer until the
// answerer confirms (or answers after the question was put right), and the audit keeps that.
TEST_F(QaTest, PersonalDataInTheQuestionOrTheAnswerHoldsItUntilConfirmed) {
  auto code = qa().ask(f->agency_id, "", "ถนนหน้าบ้านชำรุด ติดต่อกลับที่ 081-234-5678");
  ASSERT_TRUE(code);
  const std::int64_t id = qa().track(f->agency_id, *code)->id;
  auto held = qa().answer(officer(), id, "กองช่างจะออกตรวจภายในสัปดาห์นี้ สอบถาม somchai.k@gmail.com");
  ASSERT_FALSE(held);
  EXPECT_EQ(held.error().field, "confirm_personal_data");
  EXPECT_EQ(held.error().shown, "คำถาม: หมายเลขโทรศัพท์ 081-xxx-5678\nคำตอบ: อีเมล so***@gmail.com");
  EXPECT_EQ(qa().track(f->agency_id, *code)->status, QuestionStatus::waiting) << "nothing stored";
  EXPECT_EQ(qa().published_count(f->agency_id), 0);
  ASSERT_TRUE(qa().answer(officer(), id, "กองช่างจะออกตรวจภายในสัปดาห์นี้", true));
  EXPECT_EQ(qa().published_count(f->agency_id), 1);
  const std::string after = f->app->store().read([&](store::ReadTx& tx) {
    return tx.query_one("SELECT after_json FROM audit_log WHERE entity = 'question' AND action = 'update'")
        ->text("after_json");
  });
  EXPECT_NE(after.find("personal_data_confirmed"), std::string::npos) << after;
  EXPECT_EQ(after.find("081-234-5678"), std::string::npos) << "the number itself is not kept";
}

TEST_F(QaTest, TheAnswererMayRewordTheQuestionForPublishingInsteadOfConfirming) {
  auto code = qa().ask(f->agency_id, "", "ถนนหน้าบ้านชำรุด ติดต่อกลับที่ 081-234-5678");
  const std::int64_t id = qa().track(f->agency_id, *code)->id;
  EXPECT_EQ(qa().answer(officer(), id, "กองช่างจะออกตรวจ", false, Lang::th, std::string("  ")).error().field,
            "question_public")
      << "a question is not published empty";
  ASSERT_TRUE(qa().answer(officer(), id, "กองช่างจะออกตรวจ", false, Lang::th, std::string("ถนนหน้าบ้านชำรุด")));
  auto published = qa().published_question(f->agency_id, id);
  ASSERT_TRUE(published);
  EXPECT_EQ(published->question, "ถนนหน้าบ้านชำรุด") << "held by nothing: the number is out";
  const std::string after = f->app->store().read([&](store::ReadTx& tx) {
    return tx.query_one("SELECT after_json FROM audit_log WHERE entity = 'question' AND action = 'update'")
        ->text("after_json");
  });
  EXPECT_NE(after.find("question_reworded"), std::string::npos) << after;
}

TEST_F(QaTest, WithApprovalOnAnAnswerWaitsForAnExecutive) {
  EXPECT_EQ(qa().set_approval(officer(), true).error().kind, ErrorKind::forbidden);
  ASSERT_TRUE(qa().set_approval(f->principal("admin@example.org"), true));
  auto code = qa().ask(f->agency_id, "สมหญิง", "ขอใช้ศาลาประชาคมต้องทำอย่างไร");
  auto q = qa().track(f->agency_id, *code);
  ASSERT_TRUE(qa().answer(officer(), q->id, "ยื่นคำร้องที่สำนักปลัดล่วงหน้า 7 วัน"));
  EXPECT_EQ(qa().track(f->agency_id, *code)->status, QuestionStatus::answered);
  EXPECT_EQ(qa().published_count(f->agency_id), 0) << "not public before approval";
  EXPECT_EQ(qa().approve(officer(), q->id).error().kind, ErrorKind::forbidden);
  auto exec = f->principal("executive@example.org");
  ASSERT_TRUE(qa().approve(exec, q->id));
  EXPECT_EQ(qa().published_count(f->agency_id), 1);
  EXPECT_EQ(qa().approve(exec, q->id).error().kind, ErrorKind::conflict) << "approved once";
}

TEST_F(QaTest, DeclinedQuestionsStaffEntryAndTheSixMonthlySummary) {
  // 1 Oct 2566 BE (2023) 09:00: the first half of FY 2567.
  f->clock->set(calendar::start_of_day(calendar::make_date(2023, 10, 2)) + 9 * 3600);
  auto a = qa().ask(f->agency_id, "", "ถามครั้งที่หนึ่ง");
  auto b = qa().enter(officer(), "phone", "ลุงมี", "โทรมาถามเรื่องถังขยะ");
  auto c = qa().enter(officer(), "letter", "", "หนังสือถามเรื่องถนน");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(qa().enter(officer(), "web", "", "x").error().field, "via");
  EXPECT_EQ(qa().enter(f->principal("staff@example.org"), "phone", "", "x").error().kind, ErrorKind::forbidden);
  f->clock->advance(2 * 86400);
  ASSERT_TRUE(qa().answer(officer(), qa().track(f->agency_id, *b)->id, "วางถังขยะได้ทุกวันอังคาร"));
  f->clock->advance(86400);
  auto declined = qa().track(f->agency_id, *a)->id;
  EXPECT_EQ(qa().decline(officer(), declined, "").error().field, "reason");
  ASSERT_TRUE(qa().decline(officer(), declined, "ข้อความไม่เกี่ยวกับงานของหน่วยงาน"));
  EXPECT_EQ(qa().answer(officer(), declined, "x").error().kind, ErrorKind::conflict);
  EXPECT_EQ(qa().track(f->agency_id, *a)->declined_reason, "ข้อความไม่เกี่ยวกับงานของหน่วยงาน");

  calendar::FiscalYear fy(2567);
  auto s = qa().summary(f->principal("executive@example.org"), fy.half(1));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->asked, 3);
  EXPECT_EQ(s->answered, 1);
  EXPECT_EQ(s->published, 1);
  EXPECT_EQ(s->declined, 1);
  EXPECT_EQ(s->waiting, 1);
  ASSERT_EQ(s->still_waiting.size(), 1u);
  EXPECT_EQ(s->still_waiting[0].question, "หนังสือถามเรื่องถนน");
  EXPECT_EQ(s->times.median, 2 * 86400);
  for (const auto& [via, n] : s->by_via) EXPECT_EQ(n, via == "walk_in" ? 0 : 1) << via;
  EXPECT_EQ(qa().summary(f->principal("executive@example.org"), fy.half(2))->asked, 0);
  EXPECT_EQ(qa().summary(f->principal("staff@example.org"), fy.half(1)).error().kind, ErrorKind::forbidden);
}

TEST_F(QaTest, BadQuestionsStoreNothing) {
  EXPECT_EQ(qa().ask(f->agency_id, "", "   ").error().field, "question");
  EXPECT_EQ(qa().ask(f->agency_id, "", std::string(2001, 'x')).error().field, "question");
  EXPECT_EQ(qa().ask(f->agency_id, "ชื่อ\x01", "คำถาม").error().field, "asker");
  EXPECT_EQ(qa().ask(f->agency_id, std::string(201, 'x'), "คำถาม").error().field, "asker");
  EXPECT_EQ(count(), 0);
}

}  // namespace
}  // namespace prongsai::qa
