// The clarification window on both backends: only an item scored 0 at the preliminary stage is
// disputed, its draft cites what the snapshot kept, its deadline is the close of the framework's
// window on the calendar and in the admin's reminders until it is filed, and its outcome is the
// final score.
#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "modules/assessment/assessment.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/reminders/deadlines.hpp"
#include "modules/reminders/mailer.hpp"
#include "testing/testing.hpp"

namespace prongsai::assessment {
namespace {

using calendar::make_date;

const std::string kBase = "https://www.namom.go.th";

struct ClarificationTest : ::testing::Test {
  void SetUp() override {
    // A mail server, for the reminders to be queued (nothing listens: nothing is sent).
    f = testing::Fixture::make({}, [](app::Options& o) {
      o.mail.url = "smtp://127.0.0.1:9";
      o.mail.from = "Prongsai <noreply@namom.go.th>";
    });
    admin = f->principal("admin@example.org");
    staff = f->principal("staff@example.org");
  }
  Clarifications& clarifications() { return f->app->get<Clarifications>(); }
  Results& results() { return f->app->get<Results>(); }
  std::int64_t count(std::string_view sql) {
    return f->app->store().read([&](store::ReadTx& tx) { return tx.count(sql); });
  }
  ClarificationRound round() { return *clarifications().round(f->agency_id, 2566); }
  // The snapshot of the day the answers were sent, the O2 evidence a file in it.
  std::string snapshot_with_file() {
    disclosure::EvidenceInput in{"file",       "คำสั่งแบ่งงาน", "", "", "", "2022-11-02", files::Upload{"order.pdf", pdf},
                                 std::nullopt, true};
    EXPECT_TRUE(f->app->get<disclosure::Service>().add_evidence(admin, 2566, "O2", in));
    RenderPage render = [](std::int64_t, const std::string&, const std::string& path) -> std::optional<Served> {
      return Served{"text/html; charset=utf-8", "<title>" + path + "</title>"};
    };
    return *f->app->get<Snapshots>().take(admin, 2566, kBase, make_date(2023, 4, 20), render);
  }
  std::vector<web::Deadline> deadlines(calendar::Date today) {
    return f->app->get<reminders::Calendar>().build(f->agency_id, calendar::FiscalYear(2566), today, Lang::th,
                                                    reminders::Scope{});
  }
  static const web::Deadline* find(const std::vector<web::Deadline>& all, const std::string& uid) {
    for (const web::Deadline& d : all)
      if (d.uid == uid) return &d;
    return nullptr;
  }
  // A deadline's state on `today` (a copy: the list goes with the call).
  std::optional<web::DeadlineState> state_on(calendar::Date today, const std::string& uid) {
    auto all = deadlines(today);
    const web::Deadline* d = find(all, uid);
    return d ? std::optional(d->state) : std::nullopt;
  }

  std::unique_ptr<testing::Fixture> f;
  http::Principal admin, staff;
  const std::string pdf = "%PDF-1.4 the order of duties";
};

TEST_F(ClarificationTest, ADisputedItemsDraftCitesTheSnapshotAndItsDeadlineIsOnTheCalendar) {
  const std::string slug = snapshot_with_file();
  ASSERT_TRUE(results().save_items(admin, 2566, Stage::preliminary,
                                   {{"O1", "100", ""}, {"O2", "0", "ไม่พบคำสั่งแบ่งงาน"}, {"O3", "0", ""}}));
  ClarificationRound before = round();
  ASSERT_TRUE(before.window);
  EXPECT_EQ(before.window->last, make_date(2023, 6, 15)) << "the framework's calendar";
  ASSERT_EQ(before.disputable.size(), 2u);
  EXPECT_EQ(before.disputable[0]->code, "O2");
  EXPECT_TRUE(before.items.empty());

  ASSERT_TRUE(clarifications().open(admin, 2566, "O2", kBase));
  ASSERT_TRUE(clarifications().open(admin, 2566, "O2", kBase)) << "disputed already: nothing more";
  ClarificationRound r = round();
  ASSERT_EQ(r.items.size(), 1u);
  EXPECT_EQ(r.disputable.size(), 1u) << "O3 is left";
  const Clarification& c = r.items[0];
  EXPECT_EQ(c.item->code, "O2");
  EXPECT_EQ(c.snapshot, slug);
  EXPECT_EQ(c.state(), ClarificationState::draft);
  EXPECT_EQ(c.comment, "ไม่พบคำสั่งแบ่งงาน");
  for (const std::string& part : {std::string("ขอชี้แจงเพิ่มเติมผลการประเมิน OIT ข้อ O2"), std::string("\"ไม่พบคำสั่งแบ่งงาน\""),
                                  kBase + "/ita/2566/O2\n", std::string("1. คำสั่งแบ่งงาน (เผยแพร่เมื่อ 2 พฤศจิกายน 2565)"),
                                  "SHA-256: " + crypto::sha256_hex(pdf), kBase + "/ita/2566/snapshot/" + slug + "#O2"})
    EXPECT_NE(c.body.find(part), std::string::npos) << part << "\n" << c.body;
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'ita_clarification'"), 1);

  // On the admin's calendar, due when the window closes, until it is filed.
  const std::vector<web::Deadline> june2 = deadlines(make_date(2023, 6, 2));
  const web::Deadline* d = find(june2, "clarification-2566-O2");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->due, make_date(2023, 6, 15));
  EXPECT_EQ(d->state, web::DeadlineState::upcoming);
  EXPECT_EQ(d->href, "/assessment/2566/clarifications#O2");
  EXPECT_EQ(state_on(make_date(2023, 6, 16), "clarification-2566-O2"), web::DeadlineState::overdue);
  EXPECT_EQ(find(june2, "clarification-2566-O3"), nullptr) << "not disputed";

  // And in the admin's reminders, three days before the window closes.
  f->clock->set(calendar::start_of_day(make_date(2023, 6, 12)) + 8 * 3600);
  EXPECT_GE(f->app->get<reminders::Mailer>().queue_reminders(f->agency_id), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = 'admin@example.org' AND body LIKE "
                  "'%/assessment/2566/clarifications#O2%'"),
            1);

  ASSERT_TRUE(clarifications().mark_sent(admin, 2566, "O2", true));
  EXPECT_EQ(round().items[0].state(), ClarificationState::sent);
  EXPECT_EQ(state_on(make_date(2023, 6, 16), "clarification-2566-O2"), web::DeadlineState::done);

  // The outcome is the final score.
  ASSERT_TRUE(results().save_items(admin, 2566, Stage::final, {{"O2", "100", "ชี้แจงแล้วพบข้อมูล"}}));
  EXPECT_EQ(round().items[0].state(), ClarificationState::upheld);
  ASSERT_TRUE(results().save_items(admin, 2566, Stage::final, {{"O2", "0", ""}}));
  EXPECT_EQ(round().items[0].state(), ClarificationState::not_upheld);
}

TEST_F(ClarificationTest, OnlyAZeroAtThePreliminaryStageIsDisputedAndTheTextIsChecked) {
  ASSERT_TRUE(results().save_items(admin, 2566, Stage::preliminary, {{"O1", "100", ""}, {"O2", "0", ""}}));
  EXPECT_EQ(clarifications().open(staff, 2566, "O2", kBase).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(clarifications().open(admin, 2566, "O1", kBase).error().message_key, "assessment.not_disputable");
  EXPECT_EQ(clarifications().open(admin, 2566, "O3", kBase).error().message_key, "assessment.not_disputable")
      << "not scored";
  EXPECT_EQ(clarifications().open(admin, 2566, "E1", kBase).error().kind, ErrorKind::not_found);
  EXPECT_EQ(count("SELECT COUNT(*) FROM assessment_clarifications"), 0);

  // Without a snapshot the draft says so.
  ASSERT_TRUE(clarifications().open(admin, 2566, "O2", kBase));
  EXPECT_NE(round().items.at(0).body.find("ยังไม่ได้บันทึกภาพหลักฐาน"), std::string::npos);
  EXPECT_TRUE(round().items.at(0).snapshot.empty());

  EXPECT_EQ(clarifications().save(admin, 2566, "O2", "  ").error().field, "body");
  EXPECT_EQ(clarifications().save(admin, 2566, "O2", std::string(kMaxClarification + 1, 'x')).error().field, "body");
  EXPECT_EQ(clarifications().save(admin, 2566, "O2", "bad \xff").error().field, "body");
  EXPECT_EQ(clarifications().save(admin, 2566, "O5", "ข้อความ").error().kind, ErrorKind::not_found);
  EXPECT_EQ(clarifications().save(staff, 2566, "O2", "ข้อความ").error().kind, ErrorKind::forbidden);
  ASSERT_TRUE(clarifications().save(admin, 2566, "O2", "ข้อความที่แก้แล้ว"));
  EXPECT_EQ(round().items.at(0).body, "ข้อความที่แก้แล้ว");
  const std::int64_t audited = count("SELECT COUNT(*) FROM audit_log WHERE entity = 'ita_clarification'");
  EXPECT_EQ(audited, 2);
  ASSERT_TRUE(clarifications().save(admin, 2566, "O2", "ข้อความที่แก้แล้ว"));  // the same: nothing written
  ASSERT_TRUE(clarifications().mark_sent(admin, 2566, "O2", false));      // not sent already
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'ita_clarification'"), audited);

  ASSERT_TRUE(clarifications().withdraw(admin, 2566, "O2"));
  EXPECT_TRUE(round().items.empty());
  EXPECT_EQ(round().disputable.size(), 1u) << "disputable again";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'ita_clarification'"), audited + 1);
}

}  // namespace
}  // namespace prongsai::assessment
