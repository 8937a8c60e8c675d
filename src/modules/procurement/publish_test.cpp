// Each month's summary as published, on both backends: it fills the month of the year's OIT
// item (2566's O21, 2568's O12, 2569's O11), its files are served as they were published while
// the register changes, a correction is a new version with its reason, and each month is due on
// the admin's day, on the procurement officers' calendar.
#include <gtest/gtest.h>

#include "modules/procurement/publish.hpp"
#include "testing/testing.hpp"

namespace prongsai::procurement {
namespace {

using calendar::make_date;

struct PublishTest : ::testing::Test {
  void SetUp() override { f = testing::Fixture::make(); }
  Register& reg() { return f->app->get<Register>(); }
  Summaries& summaries() { return f->app->get<Summaries>(); }
  http::Principal officer() { return f->principal("supplies@example.org"); }
  void today(calendar::Date d) { f->clock->set(calendar::start_of_day(d) + 10 * 3600); }
  // A purchase signed on `day`.
  void bought(int fiscal_year, const std::string& name, calendar::Date day, const std::string& price = "12,500.00") {
    ProjectInput in;
    in.name = name;
    in.method = "specific";
    in.status = "contracted";
    in.vendor = "ร้านสมหมายพาณิชย์";
    in.agreed_price = price;
    in.contracts = {{"1/" + std::to_string(fiscal_year), "ร้านสมหมายพาณิชย์", price, calendar::iso(day), ""}};
    auto id = reg().save(officer(), std::nullopt, fiscal_year, in);
    ASSERT_TRUE(id) << id.error().message_key << " " << id.error().field;
  }
  std::int64_t count(const std::string& sql) {
    return f->app->store().read([&](store::ReadTx& tx) { return tx.count(sql); });
  }
  std::unique_ptr<testing::Fixture> f;
};

TEST_F(PublishTest, WhatIsPublishedFillsTheMonthsOfEachYearsMonthlyItem) {
  const struct {
    int year;
    const char* code;
  } years[] = {{2566, "O21"}, {2568, "O12"}, {2569, "O11"}};
  for (const auto& y : years) {
    calendar::FiscalYear fy(y.year);
    bought(y.year, "จัดซื้อวัสดุสำนักงาน " + std::to_string(y.year), calendar::add_days(fy.month(1).first, 14));
    today(calendar::add_days(fy.month(2).last, 3));  // October and November are over
    const std::string october = month_key(y.year, 1), november = month_key(y.year, 2);
    ASSERT_TRUE(summaries().publish(officer(), y.year, october, ""));
    ASSERT_TRUE(summaries().publish(officer(), y.year, november, ""));  // a month without any

    auto& disclosure = f->app->get<disclosure::Service>();
    auto registry = disclosure.registry(f->agency_id, y.year, calendar::local_date(f->clock->now()), Lang::th);
    ASSERT_TRUE(registry);
    const framework::Item* item = registry->framework->by_role(framework::role::procurement_monthly);
    ASSERT_TRUE(item);
    EXPECT_EQ(item->code, y.code);
    const disclosure::ItemState* state = registry->find(item->code);
    ASSERT_EQ(state->produced.size(), 2u) << y.year;
    for (const disclosure::Slot& slot : state->slots) {
      bool filled = std::any_of(slot.entries.begin(), slot.entries.end(),
                                [](const disclosure::Evidence& e) { return e.produced && e.usable(); });
      EXPECT_EQ(filled, slot.period == october || slot.period == november) << y.year << " " << slot.period;
    }
    EXPECT_EQ(state->produced[0].url, "/procurement/" + std::to_string(y.year) + "/files/" + october + ".pdf");
    // The two months that were due are there: the item is ready.
    EXPECT_EQ(state->readiness.status, disclosure::Status::ready) << state->readiness.reason;
  }
}

TEST_F(PublishTest, TheFilesAreServedAsPublishedAndACorrectionIsANewVersionWithItsReason) {
  bought(2567, "จัดซื้อน้ำมันเชื้อเพลิง", make_date(2023, 10, 5));
  today(make_date(2023, 10, 30));
  auto early = summaries().publish(officer(), 2567, "2023-10", "");
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().message_key, "procurement.error.month_not_over");
  today(make_date(2023, 10, 31));  // its last day
  auto v1 = summaries().publish(officer(), 2567, "2023-10", "");
  ASSERT_TRUE(v1) << v1.error().message_key;
  EXPECT_EQ(v1->version, 1);
  EXPECT_EQ(v1->projects, 1);
  EXPECT_EQ(v1->agreed, 1'250'000);
  auto pdf = summaries().file(f->agency_id, 2567, "2023-10", "pdf");
  ASSERT_TRUE(pdf);
  EXPECT_TRUE(pdf->data.starts_with("%PDF"));
  EXPECT_EQ(pdf->ref.name, "สขร1-ตุลาคม-2566.pdf");
  const std::string text = testing::run_on_file("pdftotext -raw -enc UTF-8 {} -", pdf->data);
  EXPECT_NE(testing::without_whitespace(text).find("จัดซื้อน้ำมันเชื้อเพลิง"), std::string::npos);
  EXPECT_TRUE(summaries().file(f->agency_id, 2567, "2023-10", "xlsx")->data.starts_with("PK"));
  auto csv = summaries().file(f->agency_id, 2567, "2023-10", "csv");
  ASSERT_TRUE(csv);
  EXPECT_NE(csv->data.find("จัดซื้อน้ำมันเชื้อเพลิง"), std::string::npos);
  EXPECT_FALSE(summaries().file(f->agency_id, 2567, "2023-11", "pdf"));
  EXPECT_FALSE(summaries().file(f->agency_id, 2567, "2023-10", "docx"));
  EXPECT_FALSE(summaries().file(f->agency_id, 2568, "2023-10", "pdf"));  // not a month of 2568

  // Published as the register has it: again, nothing to publish.
  auto again = summaries().publish(officer(), 2567, "2023-10", "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message_key, "procurement.error.published_unchanged");
  EXPECT_EQ(summaries().months(f->agency_id, 2567, make_date(2023, 11, 1))[0].state, MonthState::published);

  // The register changes: the file stays as it was, the month says so.
  bought(2567, "จ้างซ่อมรถบรรทุกขยะ", make_date(2023, 10, 20), "4,000");
  EXPECT_EQ(summaries().file(f->agency_id, 2567, "2023-10", "csv")->data, csv->data);
  EXPECT_EQ(summaries().months(f->agency_id, 2567, make_date(2023, 11, 1))[0].state, MonthState::changed);
  auto unexplained = summaries().publish(officer(), 2567, "2023-10", " ");
  ASSERT_FALSE(unexplained);
  EXPECT_EQ(unexplained.error().field, "note");
  auto v2 = summaries().publish(officer(), 2567, "2023-10", "เพิ่มรายการจ้างซ่อมรถที่ตกหล่น");
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(v2->projects, 2);
  EXPECT_EQ(v2->agreed, 1'650'000);
  EXPECT_NE(summaries().file(f->agency_id, 2567, "2023-10", "csv")->data.find("จ้างซ่อมรถบรรทุกขยะ"), std::string::npos);
  auto published = summaries().published(f->agency_id, 2567);
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0].version, 2);
  EXPECT_EQ(published[0].note, "เพิ่มรายการจ้างซ่อมรถที่ตกหล่น");
  EXPECT_EQ(count("SELECT COUNT(*) FROM procurement_months"), 2);  // the first version kept
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'procurement_month'"), 2);
  EXPECT_EQ(summaries().years(f->agency_id), std::vector<int>{2567});
}

// The year's report answers the next assessment's annual item (2568's O13, 2570's O12: each
// about the year before), kept as published, corrected as a new version.
TEST_F(PublishTest, TheYearsReportIsPublishedOnceTheYearIsOverAndAnswersTheNextAssessment) {
  for (const auto& [year, code] : {std::pair{2567, "O13"}, std::pair{2569, "O12"}}) {
    const std::string y = std::to_string(year);
    calendar::FiscalYear fy(year);
    bought(year, "จัดซื้อวัสดุการเกษตร " + y, calendar::add_days(fy.month(2).first, 3));
    bought(year, "จ้างเหมาซ่อมแซมถนน " + y, calendar::add_days(fy.month(8).first, 3), "250,000");
    today(calendar::add_days(fy.period().last, -1));
    AnnualTexts texts{"ส่วนใหญ่จัดซื้อด้วยวิธีเฉพาะเจาะจง", "ผู้เสนอราคาน้อยราย", "ประชาสัมพันธ์ให้ผู้ประกอบการในพื้นที่ทราบ"};
    auto early = summaries().publish_year(officer(), year, texts, "");
    ASSERT_FALSE(early);
    EXPECT_EQ(early.error().message_key, "procurement.error.year_not_over");
    EXPECT_EQ(summaries().year_state(f->agency_id, year, calendar::local_date(f->clock->now())), YearState::not_over);
    today(calendar::add_days(fy.period().last, 20));
    EXPECT_EQ(summaries().year_state(f->agency_id, year, calendar::local_date(f->clock->now())), YearState::due);
    auto v1 = summaries().publish_year(officer(), year, texts, "");
    ASSERT_TRUE(v1) << v1.error().message_key << " " << v1.error().field;
    EXPECT_EQ(v1->projects, 2);
    EXPECT_EQ(v1->agreed, 26'250'000);
    auto pdf = summaries().file(f->agency_id, year, kAnnual, "pdf");
    ASSERT_TRUE(pdf);
    const std::string text =
        testing::without_whitespace(testing::run_on_file("pdftotext -raw -enc UTF-8 {} -", pdf->data));
    for (const std::string& said :
         {"ประจำปีงบประมาณพ.ศ." + y, std::string("262,500.00"), std::string("ผู้เสนอราคาน้อยราย")})
      EXPECT_NE(text.find(said), std::string::npos) << said;

    // The next assessment's annual item is about this year: the report fills it.
    auto registry = f->app->get<disclosure::Service>().registry(f->agency_id, year + 1,
                                                                calendar::local_date(f->clock->now()), Lang::th);
    ASSERT_TRUE(registry);
    const framework::Item* item = registry->framework->by_role(framework::role::procurement_annual);
    ASSERT_TRUE(item);
    EXPECT_EQ(item->code, code);
    const disclosure::ItemState* state = registry->find(item->code);
    ASSERT_EQ(state->produced.size(), 1u);
    EXPECT_EQ(state->produced[0].url, "/procurement/" + y + "/files/annual.pdf");
    EXPECT_EQ(state->readiness.status, disclosure::Status::ready) << state->readiness.reason;
  }

  // The same again: refused; the register changed: a correction, with its reason.
  AnnualTexts texts = summaries().published_year(f->agency_id, 2567)->texts;
  EXPECT_EQ(summaries().publish_year(officer(), 2567, texts, "").error().message_key,
            "procurement.error.published_unchanged");
  bought(2567, "จัดซื้อเครื่องพ่นหมอกควัน", make_date(2024, 6, 3), "45,000");
  EXPECT_EQ(summaries().year_state(f->agency_id, 2567, make_date(2025, 1, 1)), YearState::changed);
  EXPECT_EQ(summaries().publish_year(officer(), 2567, texts, "").error().field, "note");
  auto v2 = summaries().publish_year(officer(), 2567, texts, "เพิ่มรายการที่บันทึกตกหล่น");
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(v2->projects, 3);
  EXPECT_EQ(summaries().year_state(f->agency_id, 2567, make_date(2025, 1, 1)), YearState::published);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'procurement_year'"), 3);
  EXPECT_EQ(summaries().years(f->agency_id), (std::vector<int>{2569, 2567}));
  EXPECT_EQ(summaries().publish_year(f->principal("executive@example.org"), 2567, texts, "x").error().kind,
            ErrorKind::forbidden);
}

// The year's purchase plan: kept line by line, a refused line named as the officer counts
// them, published as kept and answering the plan item of its year (2566's O19).
TEST_F(PublishTest, ThePurchasePlanIsKeptByLinePublishedAndAnswersItsYearsItem) {
  const std::int64_t unit = f->app->get<accounts::Service>().units(f->agency_id).front().id;
  std::vector<PlanLineInput> lines = {
      {"จัดซื้อวัสดุสำนักงาน", "120,000", "งบประมาณรายจ่ายประจำปี", "specific", "2022-11", std::to_string(unit), ""},
      {"", "", "", "specific", "", "", ""},  // a blank row of the form
      {"จ้างก่อสร้างถนน คสล. หมู่ที่ 4", "1,500,000", "เงินอุดหนุนเฉพาะกิจ", "e_bidding", "2023-03", "", "รอจัดสรร"}};
  auto bad = lines;
  bad[2].expected_month = "2023-10";  // the next year's October
  auto refused = summaries().save_plan(officer(), 2566, bad, Lang::th);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().shown, "รายการที่ 2: เลือกเดือนในปีงบประมาณนี้");
  bad = lines;
  bad[0].budget = "-5";
  EXPECT_EQ(summaries().save_plan(officer(), 2566, bad, Lang::th).error().field, "plan_budget");
  for (const char* unit : {"999999", "abc"}) {
    bad = lines;
    bad[0].unit = unit;
    EXPECT_EQ(summaries().save_plan(officer(), 2566, bad, Lang::th).error().field, "plan_unit") << unit;
  }
  bad = lines;
  bad[2].method = "auction";
  EXPECT_EQ(summaries().save_plan(officer(), 2566, bad, Lang::th).error().field, "plan_method");
  EXPECT_EQ(summaries().save_plan(f->principal("staff@example.org"), 2566, lines, Lang::th).error().kind,
            ErrorKind::forbidden);
  EXPECT_TRUE(summaries().plan(f->agency_id, 2566).empty()) << "nothing of a refused plan";

  ASSERT_TRUE(summaries().save_plan(officer(), 2566, lines, Lang::th));
  auto kept = summaries().plan(f->agency_id, 2566);
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].line.budget, 12'000'000);
  EXPECT_EQ(kept[0].unit_id, unit);
  EXPECT_EQ(kept[1].line.method, "e_bidding");
  const std::int64_t audited = count("SELECT COUNT(*) FROM audit_log WHERE entity = 'procurement_plan'");
  EXPECT_EQ(audited, 1);
  ASSERT_TRUE(summaries().save_plan(officer(), 2566, lines, Lang::th));  // the same again: nothing written
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'procurement_plan'"), audited);

  EXPECT_EQ(summaries().plan_state(f->agency_id, 2566), PlanState::unpublished);
  today(make_date(2022, 10, 20));
  auto v1 = summaries().publish_plan(officer(), 2566, "");
  ASSERT_TRUE(v1) << v1.error().message_key;
  EXPECT_EQ(v1->lines, 2);
  EXPECT_EQ(v1->budget, 162'000'000);
  auto pdf = summaries().file(f->agency_id, 2566, kPlan, "pdf");
  ASSERT_TRUE(pdf);
  const std::string text =
      testing::without_whitespace(testing::run_on_file("pdftotext -raw -enc UTF-8 {} -", pdf->data));
  for (const char* said : {"แผนการจัดซื้อจัดจ้างประจำปีงบประมาณพ.ศ.2566", "จ้างก่อสร้างถนนคสล.หมู่ที่4", "1,500,000.00", "มี.ค.2566"})
    EXPECT_NE(text.find(said), std::string::npos) << said;
  auto registry = f->app->get<disclosure::Service>().registry(f->agency_id, 2566, make_date(2022, 10, 20), Lang::th);
  const framework::Item* item = registry->framework->by_role(framework::role::procurement_plan);
  ASSERT_TRUE(item);
  EXPECT_EQ(item->code, "O19");
  ASSERT_EQ(registry->find(item->code)->produced.size(), 1u);
  EXPECT_EQ(registry->find(item->code)->produced[0].url, "/procurement/2566/files/plan.pdf");

  EXPECT_EQ(summaries().publish_plan(officer(), 2566, "").error().message_key, "procurement.error.published_unchanged");
  lines[0].budget = "150,000";
  ASSERT_TRUE(summaries().save_plan(officer(), 2566, lines, Lang::th));
  EXPECT_EQ(summaries().plan_state(f->agency_id, 2566), PlanState::changed);
  EXPECT_EQ(summaries().publish_plan(officer(), 2566, "").error().field, "note");
  auto v2 = summaries().publish_plan(officer(), 2566, "ปรับวงเงินตามข้อบัญญัติงบประมาณ");
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(summaries().plan_state(f->agency_id, 2566), PlanState::published);
  // An empty plan says there is nothing to plan.
  ASSERT_TRUE(summaries().publish_plan(officer(), 2567, ""));
  EXPECT_NE(summaries().file(f->agency_id, 2567, kPlan, "csv")->data.find("ไม่มีรายการจัดซื้อจัดจ้างที่ต้องจัดทำแผน"),
            std::string::npos);
}

TEST_F(PublishTest, PersonalDataInTheRegisterHoldsAPublicationUntilTheOfficerConfirms) {
  bought(2567, "จัดซื้อวัสดุ (ผู้ขายโทร 089-111-2222)", make_date(2023, 10, 5));
  today(make_date(2023, 11, 3));
  auto held = summaries().publish(officer(), 2567, "2023-10", "");
  ASSERT_FALSE(held);
  EXPECT_EQ(held.error().field, "confirm_personal_data");
  EXPECT_NE(held.error().shown.find("089-xxx-2222"), std::string::npos) << held.error().shown;
  EXPECT_EQ(count("SELECT COUNT(*) FROM procurement_months"), 0) << "nothing published";
  ASSERT_TRUE(summaries().publish(officer(), 2567, "2023-10", "", true));
  EXPECT_EQ(count("SELECT COUNT(*) FROM procurement_months"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'procurement_month' AND after_json LIKE "
                  "'%personal_data_confirmed%089-xxx-2222%'"),
            1)
      << "the audit keeps what was confirmed, masked";
  // The plan and the year's report are held alike.
  today(make_date(2024, 10, 2));
  EXPECT_EQ(summaries().publish_year(officer(), 2567, {"ติดต่อ somchai@gmail.com", "", ""}, "").error().field,
            "confirm_personal_data");
}

TEST_F(PublishTest, OnlyTheAdminAndThePurchasingOfficerPublish) {
  today(make_date(2023, 11, 2));
  for (const char* who : {"staff@example.org", "executive@example.org", "complaints@example.org"})
    EXPECT_EQ(summaries().publish(f->principal(who), 2567, "2023-10", "").error().kind, ErrorKind::forbidden) << who;
  EXPECT_EQ(summaries().publish(officer(), 2567, "2024-10", "").error().kind, ErrorKind::not_found);
  EXPECT_EQ(summaries().publish(officer(), 2567, "../x", "").error().kind, ErrorKind::not_found);
  EXPECT_TRUE(summaries().publish(f->principal("admin@example.org"), 2567, "2023-10", ""));
  EXPECT_EQ(count("SELECT COUNT(*) FROM procurement_months"), 1);
}

TEST_F(PublishTest, EachMonthIsDueOnTheAdminsDayOnTheProcurementOfficersCalendar) {
  EXPECT_EQ(summaries().due_day(f->agency_id), 10);
  EXPECT_EQ(Summaries::due_on(2567, 1, 10), make_date(2023, 11, 10));
  EXPECT_EQ(Summaries::due_on(2567, 3, 10), make_date(2024, 1, 10));    // December's, in January
  EXPECT_EQ(Summaries::due_on(2567, 12, 10), make_date(2024, 10, 10));  // September's, in the next year
  EXPECT_EQ(summaries().set_due_day(officer(), 15).error().kind, ErrorKind::forbidden);
  const http::Principal admin = f->principal("admin@example.org");
  for (int bad : {0, 29, 31}) EXPECT_EQ(summaries().set_due_day(admin, bad).error().field, "due_day") << bad;
  ASSERT_TRUE(summaries().set_due_day(admin, 15));
  EXPECT_EQ(summaries().due_day(f->agency_id), 15);

  today(make_date(2023, 12, 20));  // October overdue (15 Nov), November due (15 Dec passed: overdue too)
  ASSERT_TRUE(summaries().publish(officer(), 2567, "2023-10", ""));
  auto months = summaries().months(f->agency_id, 2567, make_date(2023, 12, 20));
  EXPECT_EQ(months[0].state, MonthState::published);
  EXPECT_EQ(months[1].state, MonthState::overdue);
  EXPECT_EQ(months[1].due, make_date(2023, 12, 15));
  EXPECT_EQ(months[2].state, MonthState::not_over);

  auto& calendar = f->app->get<reminders::Calendar>();
  auto scope = [&](const http::Principal& p) {
    return reminders::scope_of(p, f->app->get<accounts::Service>().user(f->agency_id, p.user_id)->unit_ids);
  };
  auto theirs =
      calendar.build(f->agency_id, calendar::FiscalYear(2567), make_date(2023, 12, 20), Lang::th, scope(officer()));
  auto find = [](const std::vector<reminders::Deadline>& list, const std::string& uid) {
    auto it = std::find_if(list.begin(), list.end(), [&](const reminders::Deadline& d) { return d.uid == uid; });
    return it == list.end() ? nullptr : &*it;
  };
  ASSERT_TRUE(find(theirs, "procurement-2023-10"));
  EXPECT_EQ(find(theirs, "procurement-2023-10")->state, web::DeadlineState::done);
  ASSERT_TRUE(find(theirs, "procurement-2023-11"));
  EXPECT_EQ(find(theirs, "procurement-2023-11")->state, web::DeadlineState::overdue);
  EXPECT_EQ(find(theirs, "procurement-2023-11")->due, make_date(2023, 12, 15));
  EXPECT_EQ(find(theirs, "procurement-2023-11")->title, "เผยแพร่สรุปผลการจัดซื้อจัดจ้าง พ.ย. 2566");
  // Other staff are not reminded of it.
  auto others = calendar.build(f->agency_id, calendar::FiscalYear(2567), make_date(2023, 12, 20), Lang::th,
                               scope(f->principal("staff@example.org")));
  EXPECT_FALSE(find(others, "procurement-2023-11"));
}

}  // namespace
}  // namespace prongsai::procurement
