// The document library on both backends: the editors' form checked field by field with nothing
// stored on a refusal, the public filters and the Thai search, the roles a document answers for
// the years it is in force, a document attached to an OIT item that survives the carry-over and
// cannot be deleted while a registry holds it.
#include "modules/library/library.hpp"

#include <gtest/gtest.h>

#include "documents/table_report.hpp"

#include "testing/testing.hpp"

namespace prongsai::library {
namespace {

using calendar::make_date;

// A PDF with text (the personal-data scan reads it: one without text cannot be vouched for).
std::string pdf_saying(const std::string& text) {
  documents::TableReport r;
  r.title = "เอกสาร";
  r.heading = {r.title};
  r.columns = {{"สาระสำคัญ"}};
  r.rows = {{{text}}};
  return documents::render_pdf(r);
}
const std::string kPdf = pdf_saying("ประกาศของหน่วยงาน");

struct LibraryTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make();
    f->clock->set(calendar::start_of_day(make_date(2026, 3, 10)) + 9 * 3600);  // fiscal year 2569
    admin = f->principal("admin@example.org");
    for (const auto& u : f->app->get<accounts::Service>().units(f->agency_id)) unit[u.name_th] = u.id;
  }
  Library& library() { return f->app->get<Library>(); }
  std::int64_t audit_rows() {
    return f->app->store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM audit_log"); });
  }
  DocumentInput document(std::string kind, std::string title, std::string issued, std::string year) {
    DocumentInput in;
    in.kind = std::move(kind);
    in.title = std::move(title);
    in.issued_on = std::move(issued);
    in.fiscal_year = std::move(year);
    in.files = {{"document.pdf", kPdf}};
    return in;
  }
  std::int64_t saved(const DocumentInput& in) {
    auto id = library().save(admin, std::nullopt, in);
    EXPECT_TRUE(id) << id.error().message_key << " " << id.error().field << " " << id.error().detail;
    return id ? *id : 0;
  }
  std::unique_ptr<testing::Fixture> f;
  http::Principal admin;
  std::map<std::string, std::int64_t> unit;
};

TEST_F(LibraryTest, EditorsKeepDocumentsAndBadInputStoresNothing) {
  std::int64_t audited = audit_rows();
  DocumentInput order = document("order", "คำสั่งแต่งตั้งคณะกรรมการตรวจรับพัสดุ", "2026-01-15", "2569");
  order.number = "12/2569";
  order.unit_id = std::to_string(unit.at("กองคลัง"));
  order.summary = "แต่งตั้งคณะกรรมการ\nตรวจรับพัสดุประจำปี";
  std::int64_t id = saved(order);
  auto d = library().get(f->agency_id, id);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->number, "12/2569");
  EXPECT_EQ(d->issued_on, make_date(2026, 1, 15));
  EXPECT_EQ(d->until_year, 2569) << "no end said: the fiscal year only";
  EXPECT_EQ(d->unit_id, unit.at("กองคลัง"));
  ASSERT_EQ(d->files.size(), 1u);
  EXPECT_EQ(d->files[0].ref.content_type, "application/pdf");
  EXPECT_EQ(audit_rows(), audited + 1);

  struct Bad {
    DocumentInput in;
    std::string field;
  };
  std::vector<Bad> bad;
  auto with = [&](std::string field, auto change) {
    DocumentInput in = document("announcement", "ประกาศ", "2026-01-15", "2569");
    change(in);
    bad.push_back({in, field});
  };
  with("title", [](DocumentInput& in) { in.title = "  "; });
  with("title", [](DocumentInput& in) { in.title = "\xff\xfe"; });
  with("kind", [](DocumentInput& in) { in.kind = "memo"; });
  with("issued_on", [](DocumentInput& in) { in.issued_on = ""; });
  with("issued_on", [](DocumentInput& in) { in.issued_on = "1900-01-01"; });
  with("issued_on", [](DocumentInput& in) { in.issued_on = "2030-01-01"; });
  with("issued_on", [](DocumentInput& in) { in.issued_on = "2026-02-30"; });
  with("fiscal_year", [](DocumentInput& in) { in.fiscal_year = "2026"; });
  with("fiscal_year", [](DocumentInput& in) { in.fiscal_year = "25x9"; });
  with("until", [](DocumentInput& in) { in.until = "2568"; });
  with("until", [](DocumentInput& in) { in.until = "2600"; });
  with("unit_id", [](DocumentInput& in) { in.unit_id = "999999"; });
  with("roles", [](DocumentInput& in) { in.roles = {"news"}; });
  with("files", [](DocumentInput& in) { in.files.clear(); });
  with("files", [](DocumentInput& in) { in.files = {{"page.pdf", "<!doctype html><script>alert(1)</script>"}}; });
  for (const auto& [in, field] : bad) {
    auto r = library().save(admin, std::nullopt, in);
    ASSERT_FALSE(r) << field;
    EXPECT_EQ(r.error().field, field) << r.error().message_key;
    EXPECT_EQ(r.error().kind, ErrorKind::invalid);
  }
  auto citizen = library().save(http::Principal{}, std::nullopt, order);
  ASSERT_FALSE(citizen);
  EXPECT_EQ(citizen.error().kind, ErrorKind::forbidden);
  EXPECT_EQ(library().find(f->agency_id, {}, 100, 0).total, 1);
  EXPECT_EQ(audit_rows(), audited + 1);

  // An edit keeps the files it is not told to remove; removing the last one is refused.
  order.files.clear();
  order.title = "คำสั่งแต่งตั้งคณะกรรมการตรวจรับพัสดุ (แก้ไข)";
  ASSERT_TRUE(library().save(admin, id, order));
  EXPECT_EQ(library().get(f->agency_id, id)->files.size(), 1u);
  order.remove_files = {d->files[0].id};
  auto emptied = library().save(admin, id, order);
  ASSERT_FALSE(emptied);
  EXPECT_EQ(emptied.error().field, "files");
  EXPECT_EQ(library().get(f->agency_id, id)->title, "คำสั่งแต่งตั้งคณะกรรมการตรวจรับพัสดุ (แก้ไข)");
  ASSERT_TRUE(library().remove(admin, id));
  EXPECT_FALSE(library().get(f->agency_id, id));
  EXPECT_EQ(audit_rows(), audited + 3);
}

TEST_F(LibraryTest, TheListFiltersByKindYearUnitAndWords) {
  DocumentInput plan = document("plan", "แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570)", "2022-06-01", "2566");
  plan.until = "2570";
  std::int64_t plan_id = saved(plan);
  DocumentInput minutes = document("minutes", "รายงานการประชุมสภา สมัยสามัญที่ 1", "2026-02-10", "2569");
  minutes.unit_id = std::to_string(unit.at("สำนักปลัด"));
  std::int64_t minutes_id = saved(minutes);
  DocumentInput manual = document("manual", "คู่มือการปฏิบัติงานด้านการเงิน", "2024-05-01", "2567");
  manual.until = "ongoing";
  std::int64_t manual_id = saved(manual);

  auto ids = [&](Filter filter) {
    std::vector<std::int64_t> out;
    for (const Document& d : library().find(f->agency_id, filter, 100, 0).documents) out.push_back(d.id);
    return out;
  };
  using V = std::vector<std::int64_t>;
  EXPECT_EQ(ids({}), (V{minutes_id, manual_id, plan_id})) << "newest first";
  EXPECT_EQ(ids({.kind = "plan"}), (V{plan_id}));
  EXPECT_EQ(ids({.year = 2569}), (V{minutes_id, manual_id, plan_id})) << "the plan and the manual are in force";
  EXPECT_EQ(ids({.year = 2566}), (V{plan_id}));
  EXPECT_EQ(ids({.year = 2571}), (V{manual_id}));
  EXPECT_EQ(ids({.unit_id = unit.at("สำนักปลัด")}), (V{minutes_id}));
  EXPECT_EQ(ids({.query = "ประชุม"}), (V{minutes_id}));
  EXPECT_EQ(ids({.kind = "manual", .query = "การเงิน"}), (V{manual_id}));
  EXPECT_TRUE(ids({.query = "ไม่มีคำนี้"}).empty());
  Found page = library().find(f->agency_id, {}, 2, 2);
  EXPECT_EQ(page.total, 3);
  ASSERT_EQ(page.documents.size(), 1u);
  EXPECT_EQ(page.documents[0].id, plan_id);
  std::vector<int> years = library().years(f->agency_id);
  EXPECT_EQ(years.front(), 2570);
  EXPECT_EQ(years.back(), 2566);
}

TEST_F(LibraryTest, ADocumentAnswersItsRolesForTheYearsItIsInForce) {
  auto& disclosure = f->app->get<disclosure::Service>();
  DocumentInput plan = document("plan", "แผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570)", "2022-06-01", "2566");
  plan.until = "2570";
  plan.roles = {std::string(framework::role::development_plan)};
  std::int64_t plan_id = saved(plan);
  const auto today = calendar::local_date(f->clock->now());
  for (int year : {2566, 2569, 2570}) {
    auto reg = disclosure.registry(f->agency_id, year, today, Lang::th);
    ASSERT_TRUE(reg);
    const framework::Item* item = reg->framework->by_role(framework::role::development_plan);
    ASSERT_TRUE(item) << year;
    const disclosure::ItemState* state = reg->find(item->code);
    ASSERT_EQ(state->produced.size(), 1u) << year;
    EXPECT_EQ(state->produced[0].url, "/library/" + std::to_string(plan_id));
    EXPECT_EQ(state->produced[0].published_on, today) << "dated the day it came on the site";
    // On the site since today: it says nothing of what the site showed in years gone by.
    EXPECT_EQ(state->readiness.status, year == 2566 ? disclosure::Status::stale : disclosure::Status::ready) << year;
  }
  plan.until = "2568";
  plan.files.clear();
  ASSERT_TRUE(library().save(admin, plan_id, plan));
  auto reg = disclosure.registry(f->agency_id, 2569, today, Lang::th);
  EXPECT_TRUE(reg->find(reg->framework->by_role(framework::role::development_plan)->code)->produced.empty())
      << "no longer in force in 2569";
}

TEST_F(LibraryTest, AnAttachedDocumentSurvivesTheCarryOverAndStaysWhileHeld) {
  auto& disclosure = f->app->get<disclosure::Service>();
  std::int64_t id = saved(document("manual", "คู่มือการปฏิบัติงานของเจ้าหน้าที่", "2026-02-01", "2569"));
  const framework::Framework* fw = f->app->catalogue().year(2569);
  const std::string code = fw->by_role(framework::role::work_manual)->code;
  ASSERT_TRUE(library().attach(admin, id, 2569, code, ""));
  auto again = library().attach(admin, id, 2569, code, "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message_key, "error.already_evidence");
  auto nowhere = library().attach(admin, id, 2569, "O999", "");
  ASSERT_FALSE(nowhere);
  EXPECT_EQ(nowhere.error().field, "target");

  const auto today = calendar::local_date(f->clock->now());
  auto reg = disclosure.registry(f->agency_id, 2569, today, Lang::th);
  const disclosure::ItemState* state = reg->find(code);
  ASSERT_EQ(state->slots.at(0).entries.size(), 1u);
  EXPECT_EQ(state->slots[0].entries[0].url, "/library/" + std::to_string(id));
  EXPECT_EQ(state->slots[0].entries[0].published_on, make_date(2026, 2, 1)) << "the day it was issued";
  EXPECT_EQ(state->readiness.status, disclosure::Status::ready);

  ASSERT_TRUE(disclosure.carry_over(admin, 2570));
  auto held = library().evidence_of(f->agency_id, id);
  ASSERT_EQ(held.size(), 2u);
  EXPECT_EQ(held[1].first, 2570);
  reg = disclosure.registry(f->agency_id, 2570, today, Lang::th);
  EXPECT_EQ(reg->find(held[1].second)->slots.at(0).entries.at(0).url, "/library/" + std::to_string(id));

  auto removed = library().remove(admin, id);
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().message_key, "error.document_is_evidence");
  EXPECT_NE(removed.error().shown.find(code + " 2569"), std::string::npos) << removed.error().shown;
  EXPECT_TRUE(library().get(f->agency_id, id));
}

// Personal data in what is about to be published (an allowance list with ID numbers, a scan
// whose text cannot be read) holds the save until the officer confirms; the audit keeps what
// was confirmed.
TEST_F(LibraryTest, PersonalDataIsPublishedOnlyOnTheOfficersAuditedWord) {
  DocumentInput list = document("announcement", "รายชื่อผู้มีสิทธิ์รับเบี้ยยังชีพผู้สูงอายุ", "2026-02-01", "2569");
  const std::string with_ids = pdf_saying("นางบุญมี ศรีสุข เลขประจำตัวประชาชน 1-1017-00230-70-8");
  list.files = {{"เบี้ยยังชีพ.pdf", with_ids}};
  list.summary = "สอบถาม คุณสมศรี 081-234-5678";
  const std::int64_t audited = audit_rows();
  auto refused = library().save(admin, std::nullopt, list);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "confirm_personal_data");
  EXPECT_EQ(refused.error().shown,
            "สาระสำคัญ: หมายเลขโทรศัพท์ 081-xxx-5678\nเบี้ยยังชีพ.pdf หน้า 1: เลขประจำตัวประชาชน 1-1017-xxxxx-xx-8");
  EXPECT_EQ(audit_rows(), audited) << "nothing stored";
  EXPECT_EQ(library().find(f->agency_id, {}, 50, 0).total, 0);

  // A scan without text: nobody but the officer can say what is on it.
  DocumentInput scan = document("announcement", "ประกาศ (ภาพสแกน)", "2026-02-01", "2569");
  scan.files = {{"scan.pdf", std::string_view("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")}};
  auto unread = library().save(admin, std::nullopt, scan);
  ASSERT_FALSE(unread);
  EXPECT_NE(unread.error().shown.find("scan.pdf: อ่านข้อความในไฟล์ไม่ได้"), std::string::npos) << unread.error().shown;

  // A redacted version passes; the confirmed original too, and the audit says what was confirmed.
  DocumentInput redacted = list;
  const std::string hidden = pdf_saying("นางบุญมี ศรีสุข เลขประจำตัวประชาชน x-xxxx-xxxxx-xx-x");
  redacted.files = {{"เบี้ยยังชีพ.pdf", hidden}};
  redacted.summary = "สอบถามที่กองสวัสดิการสังคม";
  EXPECT_TRUE(library().save(admin, std::nullopt, redacted));
  list.confirm_personal_data = true;
  auto confirmed = library().save(admin, std::nullopt, list);
  ASSERT_TRUE(confirmed) << confirmed.error().message_key;
  const std::string after = f->app->store().read([&](store::ReadTx& tx) {
    return tx
        .query_one("SELECT after_json FROM audit_log WHERE entity = 'library_document' AND entity_id = ?",
                   {std::to_string(*confirmed)})
        ->text("after_json");
  });
  auto record = nlohmann::json::parse(after);
  ASSERT_TRUE(record.contains("personal_data_confirmed")) << after;
  EXPECT_EQ(record["personal_data_confirmed"][1]["where"], "เบี้ยยังชีพ.pdf");
  EXPECT_EQ(record["personal_data_confirmed"][1]["found"][0]["shown"], "1-1017-xxxxx-xx-8");
  EXPECT_EQ(after.find("1101700230708"), std::string::npos) << "the number itself is not repeated";
}

}  // namespace
}  // namespace prongsai::library
