// Filing progress against due dates and the executive's review, with who may do what.
#include <gtest/gtest.h>

#include "modules/measures/measures.hpp"
#include "testing/testing.hpp"

namespace prongsai::measures {
namespace {

using calendar::make_date;

struct ProgressTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make();
    ASSERT_TRUE(svc().import_o43(store::Actor::cli(), f->agency_id, 2566,
                                 testing::read_source_file("data/seed/o43-report-na-mom-2566.txt")));
    auto plan = svc().plan(f->agency_id, 2566);  // kept: iterating a temporary's member would dangle
    for (const auto& i : plan->issues) ids[i.issue.item_code] = i.id;
  }
  Service& svc() { return f->app->get<measures::Service>(); }
  std::unique_ptr<testing::Fixture> f;
  std::map<std::string, std::int64_t> ids;
};

TEST_F(ProgressTest, StaffOfTheUnitFilesAndAnExecutiveAcknowledges) {
  auto staff = f->principal("staff@example.org");  // กองคลัง: responsible for O24 (due 31 Oct 2023)
  auto due = make_date(2023, 10, 31);
  ASSERT_EQ(svc().schedule(f->agency_id, ids["O24"])->due, (std::vector<calendar::Date>{due}));
  auto filed = svc().file_progress(staff, ids["O24"], due, WorkStatus::done, "รายงานผลการจัดซื้อจัดจ้างประจำปีแล้ว",
                                   "https://example.go.th/o24.pdf");
  ASSERT_TRUE(filed) << filed.error().detail;
  auto exec = f->principal("executive@example.org");
  EXPECT_EQ(svc().review_progress(exec, ids["O24"], due, Review::returned, "").error().field, "comment");
  ASSERT_TRUE(svc().review_progress(exec, ids["O24"], due, Review::returned, "แนบประกาศด้วย"));
  EXPECT_EQ(svc().progress(f->agency_id, ids["O24"], due)->review, Review::returned);
  ASSERT_TRUE(svc().file_progress(staff, ids["O24"], due, WorkStatus::done, "แนบประกาศแล้ว",
                                  "https://example.go.th/o24.pdf\n\n  https://example.go.th/o24-notice.pdf  "));
  EXPECT_EQ(svc().progress(f->agency_id, ids["O24"], due)->links,
            (std::vector<std::string>{"https://example.go.th/o24.pdf", "https://example.go.th/o24-notice.pdf"}));
  EXPECT_EQ(svc().progress(f->agency_id, ids["O24"], due)->review, Review::pending);
  ASSERT_TRUE(svc().review_progress(exec, ids["O24"], due, Review::acknowledged, ""));
  auto final_report = svc().file_progress(staff, ids["O24"], due, WorkStatus::in_progress, "แก้ย้อนหลัง", "");
  ASSERT_FALSE(final_report);
  EXPECT_EQ(final_report.error().message_key, "error.already_acknowledged");
  auto items = svc().due_items(f->agency_id, 2566, make_date(2023, 11, 15));
  auto o24 = std::find_if(items.begin(), items.end(), [&](const DueItem& d) { return d.item_code == "O24"; });
  EXPECT_EQ(o24->state, DueState::done);
}

TEST_F(ProgressTest, OnlyResponsibleStaffFileAndOnlyExecutivesReview) {
  auto staff = f->principal("staff@example.org");  // กองคลัง is not responsible for O4 (สำนักปลัด)
  auto due = make_date(2022, 10, 31);
  auto denied = svc().file_progress(staff, ids["O4"], due, WorkStatus::done, "x", "");
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().kind, ErrorKind::forbidden) << denied.error().detail;
  auto officer = f->principal("complaints@example.org");  // สำนักปลัด staff
  ASSERT_TRUE(svc().file_progress(officer, ids["O4"], due, WorkStatus::in_progress, "กำลังจัดทำ", ""));
  EXPECT_EQ(svc().review_progress(officer, ids["O4"], due, Review::acknowledged, "").error().kind,
            ErrorKind::forbidden);
  auto admin = f->principal("admin@example.org");
  EXPECT_EQ(svc().review_progress(admin, ids["O4"], due, Review::acknowledged, "").error().kind, ErrorKind::forbidden);
}

TEST_F(ProgressTest, BadInputIsRefused) {
  auto admin = f->principal("admin@example.org");
  EXPECT_EQ(svc().file_progress(admin, ids["O4"], make_date(2022, 10, 30), WorkStatus::done, "x", "").error().kind,
            ErrorKind::not_found);  // not one of O4's monthly due dates
  EXPECT_EQ(svc().file_progress(admin, ids["O4"], make_date(2022, 10, 31), WorkStatus::done, "", "").error().field,
            "body");
  EXPECT_EQ(svc()
                .file_progress(admin, ids["O4"], make_date(2022, 10, 31), WorkStatus::done, "x", "javascript:alert(1)")
                .error()
                .field,
            "links");
  EXPECT_EQ(svc().file_progress(admin, 999999, make_date(2022, 10, 31), WorkStatus::done, "x", "").error().kind,
            ErrorKind::not_found);
}

TEST_F(ProgressTest, DueDatesStandAsTheDashboardShowsThem) {
  auto today = make_date(2023, 1, 15);
  auto items = svc().due_items(f->agency_id, 2566, today);
  auto state_of = [&](const std::string& code, calendar::Date due) {
    for (const auto& d : items) {
      if (d.item_code == code && d.due == due) return d.state;
    }
    throw std::runtime_error(code);
  };
  EXPECT_EQ(state_of("O4", make_date(2022, 12, 31)), DueState::overdue);
  EXPECT_EQ(state_of("O4", make_date(2023, 1, 31)), DueState::due_this_month);
  EXPECT_EQ(state_of("O4", make_date(2023, 2, 28)), DueState::upcoming);
  EXPECT_EQ(state_of("E9", make_date(2023, 4, 30)), DueState::upcoming);
  std::size_t o4 = std::count_if(items.begin(), items.end(), [](const DueItem& d) { return d.item_code == "O4"; });
  EXPECT_EQ(o4, 12u);
}

}  // namespace
}  // namespace prongsai::measures

namespace prongsai::measures {
namespace {

TEST_F(ProgressTest, EvidenceFilesAreCheckedKeptAndTakenOff) {
  auto staff = f->principal("staff@example.org");
  auto due = make_date(2023, 10, 31);
  auto audit = [&] {
    return f->app->store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM audit_log"); });
  };
  auto before = audit();
  std::string html = "<!doctype html><script>alert(1)</script>";
  auto disguised = svc().file_progress(staff, ids["O24"], due, WorkStatus::done, "แนบไฟล์", "",
                                       {{"report.pdf", "%PDF-1.4 real"}, {"evil.pdf", html}});
  ASSERT_FALSE(disguised);
  EXPECT_EQ(disguised.error().message_key, "error.file_type");
  EXPECT_EQ(disguised.error().detail, "evil.pdf");
  EXPECT_EQ(audit(), before) << "nothing written";
  EXPECT_FALSE(svc().progress(f->agency_id, ids["O24"], due));

  ASSERT_TRUE(
      svc().file_progress(staff, ids["O24"], due, WorkStatus::done, "แนบไฟล์", "",
                          {{"C:\\scan\\ประกาศ.pdf", "%PDF-1.4 notice"}, {"photo.JPG", "\xFF\xD8\xFF\xE0 photo"}}));
  auto p = svc().progress(f->agency_id, ids["O24"], due);
  ASSERT_TRUE(p);
  ASSERT_EQ(p->files.size(), 2u);
  EXPECT_EQ(p->files[0].ref.name, "ประกาศ.pdf");
  EXPECT_EQ(p->files[1].ref.name, "photo.jpg");
  EXPECT_EQ(p->files[1].ref.content_type, "image/jpeg");
  auto got = svc().evidence_file(f->agency_id, ids["O24"], due, p->files[0].id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->second, "%PDF-1.4 notice");
  EXPECT_FALSE(svc().evidence_file(f->agency_id, ids["O4"], due, p->files[0].id)) << "only through its own report";

  // Refiling keeps what is not taken off and adds the new.
  ASSERT_TRUE(svc().file_progress(staff, ids["O24"], due, WorkStatus::done, "แก้ไข", "", {{"more.pdf", "%PDF-1.4 more"}},
                                  {p->files[1].id}));
  auto q = svc().progress(f->agency_id, ids["O24"], due);
  ASSERT_EQ(q->files.size(), 2u);
  EXPECT_EQ(q->files[0].ref.name, "ประกาศ.pdf");
  EXPECT_EQ(q->files[1].ref.name, "more.pdf");
  // The removed file's bytes stay: the audit log's history points at them.
  EXPECT_TRUE(svc().evidence_file(f->agency_id, ids["O24"], due, q->files[1].id));
  auto history = f->app->store().read([](store::ReadTx& tx) {
    return tx.query_one("SELECT after_json FROM audit_log WHERE entity = 'measure_progress' ORDER BY seq DESC")
        ->text("after_json");
  });
  EXPECT_NE(history.find("more.pdf"), std::string::npos);
}

}  // namespace
}  // namespace prongsai::measures
