// The registry on both backends: evidence of each kind, who may add it, bad input refused
// with nothing stored, the estimate moving with readiness, carry-over, and the URL list.
#include <gtest/gtest.h>

#include "modules/audit/audit.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "testing/testing.hpp"

namespace prongsai::disclosure {
namespace {

using calendar::make_date;

struct DisclosureTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make();
    admin = f->principal("admin@example.org");
    staff = f->principal("staff@example.org");  // กองคลัง
    for (const auto& u : f->app->get<accounts::Service>().units(f->agency_id)) unit[u.name_th] = u.id;
  }
  Service& svc() { return f->app->get<disclosure::Service>(); }
  Registry reg(int year, calendar::Date today) { return *svc().registry(f->agency_id, year, today, Lang::th); }
  std::int64_t audit_rows() {
    return f->app->store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM audit_log"); });
  }
  EvidenceInput link(std::string date, std::string period = "") {
    return {"link", "ประกาศ", "", "https://example.go.th/a.pdf", std::move(period), std::move(date), std::nullopt};
  }
  std::unique_ptr<testing::Fixture> f;
  http::Principal admin, staff;
  std::map<std::string, std::int64_t> unit;
};

TEST_F(DisclosureTest, EvidenceMakesItemsReadyAndMovesTheEstimate) {
  auto today = make_date(2023, 1, 15);
  Registry empty = reg(2566, today);
  EXPECT_EQ(empty.items.size(), 43u);
  EXPECT_EQ(empty.find("O1")->readiness.status, Status::missing);
  double before = empty.estimate.total;

  ASSERT_TRUE(svc().add_evidence(admin, 2566, "O1",
                                 {"text", "โครงสร้างองค์กร", "นายก ปลัด และ 4 กอง", "", "", "2022-10-03", std::nullopt}));
  std::string pdf = "%PDF-1.4 procurement October";
  EvidenceInput file{"file", "", "", "", "2022-10", "2022-11-02", files::Upload{"สรุปผล ต.ค.pdf", pdf}};
  // A PDF with no text that can be read: held until the officer vouches for it, and audited.
  auto held = svc().add_evidence(admin, 2566, "O21", file);
  ASSERT_FALSE(held);
  EXPECT_EQ(held.error().field, "confirm_personal_data");
  EXPECT_EQ(held.error().shown, "สรุปผล ต.ค.pdf: อ่านข้อความในไฟล์ไม่ได้ (เช่น ภาพสแกนที่อ่านไม่ออก) จึงตรวจข้อมูลส่วนบุคคลไม่ได้");
  file.confirm_personal_data = true;
  ASSERT_TRUE(svc().add_evidence(admin, 2566, "O21", file));
  EXPECT_EQ(f->app->store().read([](store::ReadTx& tx) {
    return tx.count(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'oit_evidence' AND after_json LIKE "
        "'%personal_data_confirmed%'");
  }),
            1);
  Registry after = reg(2566, today);
  EXPECT_EQ(after.find("O1")->readiness.status, Status::ready);
  const ItemState* o21 = after.find("O21");
  EXPECT_EQ(o21->readiness.status, Status::stale);  // November and December still missing
  EXPECT_EQ(o21->slots[0].entries.at(0).title, "สรุปผล ต.ค.pdf");
  EXPECT_GT(after.estimate.total, before);
  auto stored = svc().evidence_file(f->agency_id, 2566, "O21", o21->slots[0].entries[0].id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->second, pdf);

  // Taken off: the item is missing again, the row and the audit log keep it.
  ASSERT_TRUE(svc().remove_evidence(admin, 2566, "O1", after.find("O1")->slots[0].entries[0].id));
  EXPECT_EQ(reg(2566, today).find("O1")->readiness.status, Status::missing);
  EXPECT_EQ(f->app->store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM oit_evidence"); }), 2);
}

TEST_F(DisclosureTest, ReplacingKeepsTheOldVersionInTheHistoryAndFillsTheSamePeriod) {
  auto today = make_date(2023, 1, 15);
  ASSERT_TRUE(svc().add_evidence(admin, 2566, "O21", link("2022-11-01", "2022-10")));
  std::int64_t old_id = reg(2566, today).find("O21")->slots[0].entries.at(0).id;

  // A corrected scan for October; the form's period is ignored: the new one fills the old one's.
  EvidenceInput corrected{"file",
                          "สรุปผล ต.ค. (ฉบับแก้ไข)",
                          "",
                          "",
                          "2022-12",
                          "2022-11-20",
                          files::Upload{"oct.pdf", "%PDF-1.4 corrected"},
                          old_id,
                          true};  // its text unreadable: vouched for
  auto new_id = svc().add_evidence(admin, 2566, "O21", corrected);
  ASSERT_TRUE(new_id);
  Registry now = reg(2566, today);
  const ItemState* o21 = now.find("O21");
  ASSERT_EQ(o21->slots[0].period, "2022-10");
  ASSERT_EQ(o21->slots[0].entries.size(), 1u);
  EXPECT_EQ(o21->slots[0].entries[0].id, *new_id);
  EXPECT_TRUE(o21->slots[2].entries.empty()) << "December is still empty";
  auto history = svc().history(f->agency_id, 2566, "O21");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].evidence.id, old_id);
  EXPECT_EQ(history[0].replaced_by_title, "สรุปผล ต.ค. (ฉบับแก้ไข)");
  EXPECT_GT(history[0].removed_at, 0);
  EXPECT_EQ(svc().evidence_file(f->agency_id, 2566, "O21", old_id).error().kind, ErrorKind::not_found);

  // Replacing what is no longer there (the old one again) stores nothing.
  auto rows = audit_rows();
  corrected.replaces = old_id;
  EXPECT_EQ(svc().add_evidence(admin, 2566, "O21", corrected).error().kind, ErrorKind::not_found);
  EXPECT_EQ(audit_rows(), rows);
  // Nor may staff of another unit replace the item's evidence.
  corrected.replaces = *new_id;
  EXPECT_EQ(svc().add_evidence(staff, 2566, "O21", corrected).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(audit_rows(), rows);
  // Taken off without a replacement: in the history with no successor.
  ASSERT_TRUE(svc().remove_evidence(admin, 2566, "O21", *new_id));
  history = svc().history(f->agency_id, 2566, "O21");
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].evidence.id, *new_id);
  EXPECT_EQ(history[0].replaced_by_title, "");
  EXPECT_TRUE(audit::verify(f->app->store()).ok);
}

TEST_F(DisclosureTest, StaffAddEvidenceOnlyForTheirUnitsItems) {
  EXPECT_EQ(svc().add_evidence(staff, 2566, "O21", link("2022-11-01", "2022-10")).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(svc().set_unit(staff, 2566, "O21", unit["กองคลัง"]).error().kind, ErrorKind::forbidden);
  ASSERT_TRUE(svc().set_unit(admin, 2566, "O21", unit["กองคลัง"]));
  ASSERT_TRUE(svc().add_evidence(staff, 2566, "O21", link("2022-11-01", "2022-10")));
  EXPECT_EQ(svc().add_evidence(staff, 2566, "O1", link("2022-11-01")).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(reg(2566, make_date(2023, 1, 1)).find("O21")->unit_id, unit["กองคลัง"]);
}

TEST_F(DisclosureTest, BadInputIsRefusedAndNothingIsStored) {
  auto before = audit_rows();
  auto refuse = [&](const std::string& code, EvidenceInput in, const std::string& field, const std::string& key) {
    auto r = svc().add_evidence(admin, 2566, code, in);
    ASSERT_FALSE(r) << field;
    EXPECT_EQ(r.error().field, field);
    EXPECT_EQ(r.error().message_key, key);
  };
  refuse("O1", link("2023-10-01"), "published_on", "error.date_outside_year");
  refuse("O1", link("2022-09-30"), "published_on", "error.date_outside_year");
  refuse("O1", link("31/12/2022"), "published_on", "error.date");
  refuse("O21", link("2022-10-15", "2022-11"), "published_on", "error.date_before_period");
  refuse("O21", link("2022-12-01", "2023-10"), "period", "error.choice");
  refuse("O1", link("2022-12-01", "2022-10"), "period", "error.choice");  // a standing item has no months
  EvidenceInput js = link("2022-12-01");
  js.url = "javascript:alert(1)";
  refuse("O1", js, "url", "error.link");
  js.url = "data:text/html,<script>";
  refuse("O1", js, "url", "error.link");
  std::string html = "<html><script>alert(1)</script></html>";
  refuse("O1", {"file", "", "", "", "", "2022-12-01", files::Upload{"report.pdf", html}}, "file", "error.file_type");
  refuse("O1", {"file", "", "", "", "", "2022-12-01", std::nullopt}, "file", "error.required");
  refuse("O1", {"text", "x", "", "", "", "2022-12-01", std::nullopt}, "body", "error.required");
  refuse("O1", {"video", "x", "", "", "", "2022-12-01", std::nullopt}, "kind", "error.choice");
  svc().set_max_file_bytes(10);
  refuse("O1", {"file", "", "", "", "", "2022-12-01", files::Upload{"a.pdf", "%PDF-1.4 longer than ten"}}, "file",
         "error.file_too_large");
  EXPECT_EQ(audit_rows(), before);
  EXPECT_EQ(svc().add_evidence(admin, 2566, "O99", link("2022-12-01")).error().kind, ErrorKind::not_found);
  EXPECT_EQ(svc().add_evidence(admin, 2566, "E1", link("2022-12-01")).error().kind, ErrorKind::not_found);
  EXPECT_FALSE(svc().registry(f->agency_id, 2590, make_date(2023, 1, 1), Lang::th));
}

TEST_F(DisclosureTest, ANewYearStartsFromTheLastThroughTheCrosswalk) {
  ASSERT_TRUE(svc().set_unit(admin, 2565, "O1", unit["สำนักปลัด"]));
  ASSERT_TRUE(svc().add_evidence(admin, 2565, "O1", link("2022-01-10")));   // standing
  ASSERT_TRUE(svc().add_evidence(admin, 2565, "O13", link("2022-02-10")));  // standing
  ASSERT_TRUE(svc().add_evidence(admin, 2565, "O12", link("2022-02-10")));  // annual
  auto carried = svc().carry_over(admin, 2566);
  ASSERT_TRUE(carried) << carried.error().message_key;
  EXPECT_EQ(*carried, 2);
  Registry r = reg(2566, make_date(2022, 11, 1));
  EXPECT_EQ(r.find("O1")->readiness.status, Status::ready);
  EXPECT_EQ(r.find("O1")->unit_id, unit["สำนักปลัด"]);
  // 2566 renumbered: 2565's O13 (standing) is O14 now; 2565's O12 (annual) is O13 and starts empty.
  EXPECT_EQ(r.find("O14")->readiness.status, Status::ready);
  EXPECT_EQ(r.find("O13")->readiness.status, Status::missing);
  EXPECT_EQ(svc().carry_over(admin, 2566).error().message_key, "error.year_started");
  EXPECT_EQ(svc().carry_over(staff, 2567).error().kind, ErrorKind::forbidden);
}

TEST_F(DisclosureTest, TheAssessorsListHasEveryItemsStableUrl) {
  auto csv = svc().ita_urls_csv(f->agency_id, 2566, "https://www.namom.go.th/");
  ASSERT_TRUE(csv);
  EXPECT_TRUE(csv->starts_with("\xEF\xBB\xBF"));
  EXPECT_NE(csv->find("O23,"), std::string::npos);
  EXPECT_NE(csv->find("https://www.namom.go.th/ita/2566/O23\r\n"), std::string::npos);
  std::size_t lines = 0;
  for (char c : *csv) lines += c == '\n';
  EXPECT_EQ(lines, 44u);  // the header and 43 items
}

// Prongsai's own pages fill the items holding their roles, judged as uploads are; the
// framework data says which item, and an item reporting on the year before is asked about it.
struct ProducedTest : DisclosureTest {
  void SetUp() override {
    DisclosureTest::SetUp();
    svc().set_producer([this](std::string_view role, const web::EvidenceQuery& q) {
      asked.emplace_back(std::string(role), q);
      auto it = answers.find(std::string(role));
      return it == answers.end() ? std::vector<web::ProducedEvidence>{} : it->second;
    });
  }
  std::string code(int year, std::string_view role) { return f->app->catalogue().year(year)->by_role(role)->code; }
  std::vector<std::pair<std::string, web::EvidenceQuery>> asked;
  std::map<std::string, std::vector<web::ProducedEvidence>> answers;
};

TEST_F(ProducedTest, PagesFillTheirItemsByTheRulesOfUploadedEvidence) {
  const auto today = make_date(2023, 1, 15);
  const std::string news = code(2566, framework::role::news), contact = code(2566, framework::role::contact);
  answers["news"] = {{"", "ข่าวประชาสัมพันธ์ ปีงบประมาณ 2566", "/news?year=2566", make_date(2023, 1, 10)}};
  answers["contact"] = {{"", "ข้อมูลการติดต่อ", "/contact", make_date(2022, 11, 1)}};
  Registry r = reg(2566, today);
  const ItemState* n = r.find(news);
  EXPECT_EQ(n->readiness.status, Status::ready);
  ASSERT_EQ(n->slots.at(0).entries.size(), 1u);
  const Evidence& e = n->slots[0].entries[0];
  EXPECT_TRUE(e.produced);
  EXPECT_EQ(e.url, "/news?year=2566");
  EXPECT_EQ(e.published_on, make_date(2023, 1, 10));
  EXPECT_EQ(r.find(contact)->readiness.status, Status::ready);
  EXPECT_GT(r.estimate.total, 0);

  // The newest post is of the year before: stale, as an upload dated then would be.
  answers["news"] = {{"", "ข่าวประชาสัมพันธ์", "/news", make_date(2022, 9, 1)}};
  EXPECT_EQ(reg(2566, today).find(news)->readiness.status, Status::stale);
  // A page changed after the year ended says nothing of what the year had.
  answers["contact"] = {{"", "ข้อมูลการติดต่อ", "/contact", make_date(2023, 10, 2)}};
  Registry after_year = reg(2566, make_date(2023, 11, 1));
  const ItemState* c = after_year.find(contact);
  EXPECT_EQ(c->readiness.status, Status::stale);
  EXPECT_NE(c->readiness.reason.find("หลังสิ้นปีงบประมาณ"), std::string::npos) << c->readiness.reason;
  // A period the item does not have is no evidence of it.
  answers["news"] = {{"2022-10", "ข่าว ต.ค.", "/news", make_date(2022, 10, 5)}};
  EXPECT_EQ(reg(2566, today).find(news)->readiness.status, Status::missing);
  // Nothing is stored: the pages are asked again on every reading.
  EXPECT_EQ(f->app->store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM oit_evidence"); }), 0);
}

TEST_F(ProducedTest, AnItemThatReportsOnTheYearBeforeIsAskedAboutIt) {
  reg(2568, make_date(2024, 11, 1));
  const std::string statistics = code(2568, framework::role::service_statistics);
  auto q = std::find_if(asked.begin(), asked.end(), [](const auto& a) { return a.first == "service_statistics"; });
  ASSERT_NE(q, asked.end());
  EXPECT_EQ(q->second.assessment_year, 2568);
  EXPECT_EQ(q->second.about.be(), 2567) << "ITA 2568's " << statistics << " reports on FY2567";
  ASSERT_EQ(q->second.periods.size(), 1u);
  EXPECT_EQ(q->second.periods[0].span.first, make_date(2023, 10, 1));
  auto news = std::find_if(asked.begin(), asked.end(), [](const auto& a) { return a.first == "news"; });
  ASSERT_NE(news, asked.end());
  EXPECT_EQ(news->second.about.be(), 2568);
  // Items without a role ask nothing.
  for (const auto& [role, query] : asked) EXPECT_FALSE(role.empty());
}

TEST_F(ProducedTest, TheAdminSetsThePagesAsideOnlyWithAReasonAndTakesThemBack) {
  const auto today = make_date(2023, 1, 15);
  const std::string contact = code(2566, framework::role::contact);
  answers["contact"] = {{"", "ข้อมูลการติดต่อ", "/contact", make_date(2022, 11, 1)}};
  std::int64_t audited = audit_rows();
  auto empty = svc().set_produced_off(admin, 2566, contact, std::string(" \n "));
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().field, "reason");
  EXPECT_EQ(empty.error().message_key, "error.reason_required");
  auto by_staff = svc().set_produced_off(staff, 2566, contact, std::string("ไม่ใช้"));
  ASSERT_FALSE(by_staff);
  EXPECT_EQ(by_staff.error().kind, ErrorKind::forbidden);
  EXPECT_EQ(audit_rows(), audited);
  EXPECT_EQ(reg(2566, today).find(contact)->readiness.status, Status::ready);

  ASSERT_TRUE(svc().set_produced_off(admin, 2566, contact, std::string("จะอัปโหลดแผนที่แทน")));
  EXPECT_EQ(audit_rows(), audited + 1);
  Registry set_aside = reg(2566, today);
  const ItemState* off = set_aside.find(contact);
  EXPECT_EQ(off->readiness.status, Status::missing);
  ASSERT_TRUE(off->produced_off);
  EXPECT_EQ(off->produced_off->reason, "จะอัปโหลดแผนที่แทน");
  EXPECT_EQ(off->produced.size(), 1u) << "still listed for the staff page";
  EXPECT_FALSE(reg(2567, today).find(contact)->produced_off) << "one year's word, not the next's";
  // An upload beside it counts as ever.
  ASSERT_TRUE(svc().add_evidence(admin, 2566, contact, link("2022-12-01")));
  EXPECT_EQ(reg(2566, today).find(contact)->readiness.status, Status::ready);

  ASSERT_TRUE(svc().set_produced_off(admin, 2566, contact, std::nullopt));
  Registry taken_back = reg(2566, today);
  const ItemState* back = taken_back.find(contact);
  EXPECT_FALSE(back->produced_off);
  EXPECT_EQ(back->slots[0].entries.size(), 2u);
}

}  // namespace
}  // namespace prongsai::disclosure
