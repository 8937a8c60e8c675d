// Requests on both backends: a street light reported with a photo through every status
// (accepted, more information asked and given, forwarded to another unit, completed), a
// refusal and its reason, who may work a request, the target in working days across a weekend
// and a holiday, and bad input refused with nothing stored.
#include "modules/services/requests.hpp"

#include <gtest/gtest.h>

#include "testing/testing.hpp"

namespace prongsai::services {
namespace {

using cases::Status;

// The smallest PNG there is: what a phone's photo is to the checks.
const std::string kPng = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(40, '\0');

struct RequestsTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make();
    admin = f->principal("admin@example.org");
    works = f->principal("works@example.org");    // กองช่าง
    finance = f->principal("staff@example.org");  // กองคลัง
    executive = f->principal("executive@example.org");
    for (const auto& u : f->app->get<accounts::Service>().units(f->agency_id)) unit[u.name_th] = u.id;
    ASSERT_TRUE(f->app->get<services::Catalogue>().install_templates(f->agency_id, store::Actor::cli()));
    for (const Service& s : f->app->get<services::Catalogue>().published(f->agency_id)) service[s.template_key] = s.id;
  }
  Requests& requests() { return f->app->get<services::Requests>(); }
  cases::Service& cases() { return f->app->get<cases::Service>(); }

  RequestInput street_light() {
    RequestInput in;
    in.answers.values = {{"where.village", "หมู่ ๓"}, {"where.landmark", "หน้าวัดนาหม่อม"}, {"problem", "off"}};
    in.answers.files["photo"] = {{"IMG_0042.png", kPng}};
    return in;
  }
  std::int64_t count_cases() {
    return f->app->store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM cases"); });
  }

  std::unique_ptr<testing::Fixture> f;
  http::Principal admin, works, finance, executive;
  std::map<std::string, std::int64_t> unit, service;
};

TEST_F(RequestsTest, AStreetLightGoesThroughEveryStatusToCompleted) {
  // Wednesday 15 November 2023, 05:13 in Thailand; the service's target is 5 working days.
  auto receipt = requests().submit(f->agency_id, service["street_light"], street_light());
  ASSERT_TRUE(receipt) << receipt.error().detail;
  EXPECT_EQ(receipt->due_day, "2023-11-22");

  auto tracked = cases().track(f->agency_id, receipt->code);
  ASSERT_TRUE(tracked);
  EXPECT_EQ(tracked->channel, cases::Channel::request);
  EXPECT_EQ(tracked->content.subject, "แจ้งซ่อมไฟฟ้าสาธารณะ");
  EXPECT_EQ(tracked->unit_id, unit["กองช่าง"]);
  EXPECT_NE(tracked->content.answers.find("หมู่ ๓ · หน้าวัดนาหม่อม"), std::string::npos)
      << "the location read as one line: " << tracked->content.answers;
  EXPECT_NE(tracked->content.answers.find("ไฟดับ"), std::string::npos) << "a choice by its label";
  ASSERT_EQ(tracked->files.size(), 1u);
  EXPECT_EQ(tracked->files[0].content_type, "image/png");

  // The unit's staff see it; another unit's do not; the executive sees the queue only.
  auto queue = cases().queue(works);
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ((*queue)[0].due_day, "2023-11-22");
  EXPECT_TRUE(cases().queue(finance)->empty());
  EXPECT_EQ(cases().queue(executive)->size(), 1u);
  EXPECT_EQ(cases().open(finance, receipt->case_id, "").error().kind, ErrorKind::forbidden);
  EXPECT_EQ(cases().open(executive, receipt->case_id, "").error().kind, ErrorKind::forbidden);
  EXPECT_EQ(cases().move(finance, receipt->case_id, Status::reviewing, "", "").error().kind, ErrorKind::forbidden);

  std::int64_t id = receipt->case_id;
  ASSERT_TRUE(cases().move(works, id, Status::reviewing, "", ""));
  // Asking for more information says what is missing.
  EXPECT_EQ(cases().move(works, id, Status::info_requested, "", "").error().field, "note");
  ASSERT_TRUE(cases().move(works, id, Status::info_requested, "โปรดระบุหมายเลขเสาไฟ", ""));
  ASSERT_TRUE(cases().citizen_reply(f->agency_id, receipt->code, "เสาหมายเลข 12"));
  ASSERT_TRUE(cases().move(works, id, Status::reviewing, "", ""));
  // A request is forwarded with forward(), which names the unit.
  EXPECT_EQ(cases().move(works, id, Status::forwarded, "", "").error().field, "unit");
  EXPECT_EQ(cases().forward(works, id, unit["กองช่าง"], "").error().field, "unit") << "to the unit that has it";
  EXPECT_EQ(cases().forward(works, id, 999999, "").error().field, "unit");
  ASSERT_TRUE(cases().forward(works, id, unit["กองคลัง"], "ค่าไฟฟ้าค้างชำระ"));
  EXPECT_TRUE(cases().queue(works)->empty()) << "no longer กองช่าง's";
  EXPECT_EQ(cases().open(works, id, "").error().kind, ErrorKind::forbidden);
  ASSERT_EQ(cases().queue(finance)->size(), 1u);
  ASSERT_TRUE(cases().move(finance, id, Status::reviewing, "", ""));
  f->clock->advance(2 * 86400);
  ASSERT_TRUE(cases().move(finance, id, Status::resolved, "ชำระค่าไฟฟ้าแล้ว ไฟติดแล้ว", ""));
  EXPECT_FALSE(cases().move(finance, id, Status::reviewing, "", "")) << "closed stays closed";

  auto done = cases().track(f->agency_id, receipt->code);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, Status::resolved);
  std::vector<Status> seen;
  for (const auto& e : done->events) seen.push_back(e.status);
  EXPECT_EQ(seen, (std::vector<Status>{Status::received, Status::reviewing, Status::info_requested, Status::reviewing,
                                       Status::forwarded, Status::reviewing, Status::resolved}));
  EXPECT_EQ(done->events[4].unit_id, unit["กองคลัง"]);
  EXPECT_EQ(done->events[4].note, "ค่าไฟฟ้าค้างชำระ");
  ASSERT_EQ(done->messages.size(), 1u);
  EXPECT_EQ(cases::timeliness(done->due_day, calendar::make_date(2023, 12, 1), done->closed_at),
            cases::Timeliness::done_on_time);
  EXPECT_FALSE(cases().citizen_reply(f->agency_id, receipt->code, "ขอบคุณ")) << "a closed request takes no messages";
}

TEST_F(RequestsTest, ARefusalNeedsItsReasonAndTheAdminMayWorkAnyRequest) {
  auto receipt = requests().submit(f->agency_id, service["street_light"], street_light());
  ASSERT_TRUE(receipt);
  EXPECT_EQ(cases().move(admin, receipt->case_id, Status::rejected, "", "").error().field, "note");
  ASSERT_TRUE(cases().move(admin, receipt->case_id, Status::rejected, "เป็นไฟฟ้าของการไฟฟ้าส่วนภูมิภาค", ""));
  auto c = cases().track(f->agency_id, receipt->code);
  EXPECT_EQ(c->status, Status::rejected);
  EXPECT_EQ(c->events.back().note, "เป็นไฟฟ้าของการไฟฟ้าส่วนภูมิภาค");
}

TEST_F(RequestsTest, TargetsCountWorkingDaysAcrossWeekendsAndHolidays) {
  // Friday 29 December 2023, 16:00 in Thailand: the New Year's holidays are Sat 30 Dec – Mon 1 Jan
  // and Tue 2 Jan 2024 (a special holiday that year): 3 working days → Fri 5 Jan.
  f->clock->set(calendar::start_of_day(calendar::make_date(2023, 12, 29)) + 16 * 3600);
  ASSERT_TRUE(f->app->get<services::Holidays>().add(admin, "2024-01-01", "วันขึ้นปีใหม่"));
  ASSERT_TRUE(f->app->get<services::Holidays>().add(admin, "2024-01-02", "วันหยุดพิเศษ"));
  Service three;
  three.target_days = 3;
  EXPECT_EQ(calendar::iso(requests().due_day(f->agency_id, f->clock->now(), three)), "2024-01-05");
  auto receipt = requests().submit(
      f->agency_id, service["official_information"],
      {{{{"subject", "งบประมาณรายจ่ายประจำปี 2567"}, {"purpose", "study"}, {"form_of_copy", "copy"}}, {}},
       "นายสมชาย ใจดี",
       "0812345678",
       ""});
  ASSERT_TRUE(receipt) << receipt.error().field << " " << receipt.error().message_key;
  auto s = f->app->get<services::Catalogue>().find(f->agency_id, service["official_information"]);
  EXPECT_EQ(receipt->due_day, calendar::iso(requests().due_day(f->agency_id, f->clock->now(), *s)));
  // Overdue once the day has passed with the request still open.
  auto due = *calendar::parse_iso(receipt->due_day);
  EXPECT_EQ(cases::timeliness(receipt->due_day, due, std::nullopt), cases::Timeliness::due_today);
  EXPECT_EQ(cases::timeliness(receipt->due_day, calendar::add_days(due, 1), std::nullopt), cases::Timeliness::overdue);
}

TEST_F(RequestsTest, APersonalDataRequestIsDueThirtyCalendarDaysLaterWhateverTheHolidays) {
  // Friday 29 December 2023: the PDPA counts 30 days from receipt, weekends and the New Year's
  // holidays included; the due day stays on Sunday 28 January 2024.
  f->clock->set(calendar::start_of_day(calendar::make_date(2023, 12, 29)) + 16 * 3600);
  ASSERT_TRUE(f->app->get<services::Holidays>().add(admin, "2024-01-01", "วันขึ้นปีใหม่"));
  ASSERT_TRUE(service.contains(std::string(kPersonalDataRights)));
  auto s = f->app->get<services::Catalogue>().find(f->agency_id, service[std::string(kPersonalDataRights)]);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->calendar_days);
  EXPECT_EQ(s->target_days, 30);
  EXPECT_TRUE(s->contact_required) << "the agency must be able to answer the person";
  EXPECT_EQ(days_key(*s), "services.days");
  RequestInput in{
      {{{"right", "correct"}, {"which", "คำขอรับเบี้ยยังชีพผู้สูงอายุ ปี 2566"}}, {}}, "นางสมศรี มีสุข", "", "somsri@example.org"};
  auto receipt = requests().submit(f->agency_id, s->id, in);
  ASSERT_TRUE(receipt) << receipt.error().field << " " << receipt.error().message_key;
  EXPECT_EQ(receipt->due_day, "2024-01-28");
  auto c = cases().open(admin, receipt->case_id, "");
  ASSERT_TRUE(c) << "the admin works it, as every request of สำนักปลัด";
  EXPECT_EQ(c->unit_id, unit["สำนักปลัด"]);
  EXPECT_NE(c->content.answers.find("ขอแก้ไขข้อมูลให้ถูกต้องและเป็นปัจจุบัน"), std::string::npos) << c->content.answers;
  EXPECT_FALSE(
      requests().submit(f->agency_id, s->id, {{{{"right", "sell"}, {"which", "x"}}, {}}, "ก", "0812345678", ""}))
      << "a right the form does not offer";

  // The privacy notice finds this form through the manifest; unpublished, it finds none.
  const web::Module* services_module = nullptr;
  for (const web::Module* m : f->app->host().modules())
    if (m->rights_form) services_module = m;
  ASSERT_NE(services_module, nullptr);
  EXPECT_EQ(services_module->rights_form(f->app->host(), f->agency_id), "/services/" + std::to_string(s->id));
  // A form sent without the count (a page from before it existed) keeps it.
  ServiceInput draft{s->name_th, s->name_en, std::to_string(*s->unit_id), "30", "", "required", "", false};
  ASSERT_TRUE(f->app->get<services::Catalogue>().update(admin, s->id, draft));
  EXPECT_TRUE(f->app->get<services::Catalogue>().find(f->agency_id, s->id)->calendar_days);
  EXPECT_EQ(services_module->rights_form(f->app->host(), f->agency_id), std::nullopt);
}

TEST_F(RequestsTest, BadRequestsAreRefusedNamingTheFieldWithNothingStored) {
  std::int64_t before = count_cases();
  RequestInput in = street_light();
  in.answers.values.erase("problem");
  EXPECT_EQ(requests().submit(f->agency_id, service["street_light"], in).error().field, "problem");
  in = street_light();
  in.answers.files["photo"] = {{"virus.png", "<html><script>alert(1)</script></html>"}};
  EXPECT_EQ(requests().submit(f->agency_id, service["street_light"], in).error().field, "photo");
  in = street_light();
  in.answers.values["where.lat"] = "51.5";
  in.answers.values["where.lng"] = "-0.12";
  EXPECT_EQ(requests().submit(f->agency_id, service["street_light"], in).error().field, "where.lat");
  // The official information service needs a name and a way to reach the requester.
  RequestInput info{{{{"subject", "งบประมาณ"}, {"purpose", "study"}, {"form_of_copy", "copy"}}, {}}, "", "", ""};
  EXPECT_EQ(requests().submit(f->agency_id, service["official_information"], info).error().field, "name");
  info.name = "นายสมชาย";
  EXPECT_EQ(requests().submit(f->agency_id, service["official_information"], info).error().message_key,
            "error.contact_required");
  // A draft service, another agency's or none: not found, alike.
  http::Principal a = admin;
  auto s = *f->app->get<services::Catalogue>().get(a, service["street_light"]);
  ServiceInput draft{s.name_th, s.name_en, std::to_string(*s.unit_id), "5", "working", "optional", "", false};
  ASSERT_TRUE(f->app->get<services::Catalogue>().update(a, s.id, draft));
  EXPECT_EQ(requests().submit(f->agency_id, s.id, street_light()).error().kind, ErrorKind::not_found);
  EXPECT_EQ(requests().submit(f->agency_id + 1, service["road_repair"], street_light()).error().kind,
            ErrorKind::not_found);
  EXPECT_EQ(count_cases(), before);
}

TEST_F(RequestsTest, StaffEnterRequestsOfTheirOwnUnitsServicesWithTheChannel) {
  RequestInput in = street_light();
  in.via = cases::Via::phone;
  auto receipt = requests().enter(works, service["street_light"], in);
  ASSERT_TRUE(receipt) << receipt.error().detail;
  EXPECT_EQ(cases().track(f->agency_id, receipt->code)->via, cases::Via::phone);
  EXPECT_EQ(requests().enter(finance, service["street_light"], in).error().kind, ErrorKind::forbidden);
  in.via = cases::Via::web;
  EXPECT_EQ(requests().enter(works, service["street_light"], in).error().field, "via");
  in.via = cases::Via::phone;
  EXPECT_EQ(requests().submit(f->agency_id, service["street_light"], in).error().field, "via")
      << "the public form is the web";
}

}  // namespace
}  // namespace prongsai::services
