// Cases on both backends: receipt codes, the general channel's life, and the sealed
// corruption channel: who can read it, its keys through unlock, sharing, password change and
// reset, and its text absent from the database file.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/crypto.hpp"
#include "core/thai_calendar.hpp"
#include "modules/cases/cases.hpp"
#include "modules/cases/custodian.hpp"
#include "modules/cases/receipt.hpp"
#include "testing/testing.hpp"

namespace prongsai::cases {
namespace {

TEST(Receipt, CodesAreTwentyBase32CharactersAndForgiveHowTheyAreTyped) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string code = new_receipt_code();
    ASSERT_EQ(code.size(), 23u) << code;
    ASSERT_EQ(code[5], '-');
    auto canonical = normalise_receipt(code);
    ASSERT_TRUE(canonical) << code;
    EXPECT_EQ(group_receipt(*canonical), code);
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 200u);
  EXPECT_EQ(normalise_receipt("7kq2m 9xd4h-tr8w3 npz6a"), "7KQ2M9XD4HTR8W3NPZ6A");
  EXPECT_EQ(normalise_receipt("OOOOO-IIIII-LLLLL-00000"), "00000111111111100000");
  EXPECT_FALSE(normalise_receipt("7KQ2M-9XD4H-TR8W3-NPZ6"));    // short
  EXPECT_FALSE(normalise_receipt("7KQ2M-9XD4H-TR8W3-NPZ6AA"));  // long
  EXPECT_FALSE(normalise_receipt("7KQ2M-9XD4H-TR8W3-NPZ6U"));   // U is not in the alphabet
  EXPECT_FALSE(normalise_receipt("รหัส"));
  EXPECT_NE(receipt_id("7KQ2M9XD4HTR8W3NPZ6A"), receipt_id("7KQ2M9XD4HTR8W3NPZ6B"));
}

struct CasesTest : ::testing::Test {
  void SetUp() override { f = testing::Fixture::make(); }
  Service& svc() { return f->app->get<cases::Service>(); }
  // A signed-in session: the principal and its cookie's token.
  std::pair<http::Principal, std::string> session(const std::string& email) {
    auto s = f->app->get<accounts::Service>().login(f->agency_id, email, f->password, "127.0.0.1", "test");
    EXPECT_TRUE(s);
    auto p = f->app->get<accounts::Service>().resolve(s.value().token, f->agency_id);
    EXPECT_TRUE(p);
    return {*p, s.value().token};
  }
  // The demo's corruption officer, signed in, their key unlocked.
  std::pair<http::Principal, std::string> unlocked_officer() {
    auto s = session("integrity@example.org");
    EXPECT_TRUE(svc().unlock(s.first, f->password, s.second));
    return s;
  }
  std::int64_t audit_rows() {
    return f->app->store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM audit_log"); });
  }
  // Every byte the database keeps on disk (SQLite: the file and its WAL).
  std::string database_bytes() {
    std::string all;
    for (const auto& entry : std::filesystem::directory_iterator(f->dir.path())) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      all += ss.str();
    }
    return all;
  }
  Submission corruption() {
    Submission s;
    s.channel = Channel::corruption;
    s.content.subject = "เรียกรับเงินค่าอนุญาตก่อสร้าง";
    s.content.details = "เจ้าหน้าที่กองช่างเรียกเงินสามพันบาทเพื่อเร่งออกใบอนุญาตก่อสร้างบ้านเลขที่ 12 หมู่ 4";
    s.content.accused = "นายช่างโยธาผู้ตรวจแบบ";
    return s;
  }
  std::unique_ptr<testing::Fixture> f;
};

TEST_F(CasesTest, AGeneralComplaintIsTrackedByItsCodeAndAnsweredBothWays) {
  Submission s;
  s.topic = "complaint";
  s.content = {"ไฟฟ้าสาธารณะดับ", "ไฟถนนหน้าวัดดับมาสามคืนแล้ว", "", "สมศรี ใจดี", "081-234-5678", "", {}};
  auto receipt = svc().submit(f->agency_id, s, store::Actor::citizen());
  ASSERT_TRUE(receipt);
  std::string typed = receipt->code;
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto tracked = svc().track(f->agency_id, typed);
  ASSERT_TRUE(tracked);
  EXPECT_EQ(tracked->status, Status::received);
  EXPECT_EQ(tracked->content.name, "สมศรี ใจดี");
  ASSERT_EQ(tracked->events.size(), 1u);

  auto officer = f->principal("complaints@example.org");
  auto inbox = svc().inbox(officer, Channel::complaint);
  ASSERT_TRUE(inbox);
  ASSERT_EQ(inbox->size(), 1u);
  EXPECT_EQ(inbox->at(0).subject, "ไฟฟ้าสาธารณะดับ");
  ASSERT_TRUE(svc().move(officer, receipt->case_id, Status::reviewing, "", ""));
  ASSERT_TRUE(svc().officer_reply(officer, receipt->case_id, "ส่งช่างไปตรวจแล้ว คาดว่าแก้ไขภายในวันศุกร์", ""));
  ASSERT_TRUE(svc().citizen_reply(f->agency_id, receipt->code, "ขอบคุณค่ะ"));
  EXPECT_TRUE(svc().inbox(officer, Channel::complaint)->at(0).citizen_waiting);
  // A rejection needs its reason; a closed case takes no more messages and no more moves.
  EXPECT_EQ(svc().move(officer, receipt->case_id, Status::rejected, "", "").error().field, "note");
  ASSERT_TRUE(svc().move(officer, receipt->case_id, Status::resolved, "เปลี่ยนหลอดไฟแล้ว", ""));
  EXPECT_EQ(svc().citizen_reply(f->agency_id, receipt->code, "อีกเรื่อง").error().message_key, "error.case_closed");
  EXPECT_EQ(svc().move(officer, receipt->case_id, Status::reviewing, "", "").error().message_key, "error.status_move");

  auto after = svc().track(f->agency_id, receipt->code);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, Status::resolved);
  ASSERT_TRUE(after->closed_at);
  ASSERT_EQ(after->messages.size(), 2u);
  EXPECT_FALSE(after->messages[0].from_citizen);
  EXPECT_TRUE(after->messages[1].from_citizen);
  EXPECT_EQ(after->events.back().note, "เปลี่ยนหลอดไฟแล้ว");

  // Unknown, mistyped and other agencies' codes are all just not found.
  EXPECT_EQ(svc().track(f->agency_id, new_receipt_code()).error().kind, ErrorKind::not_found);
  EXPECT_EQ(svc().track(f->agency_id, "not a code").error().kind, ErrorKind::not_found);
  EXPECT_EQ(svc().track(f->agency_id + 1, receipt->code).error().kind, ErrorKind::not_found);
  // Staff without the role do not see the inbox.
  EXPECT_EQ(svc().inbox(f->principal("staff@example.org"), Channel::complaint).error().kind, ErrorKind::forbidden);
}

TEST_F(CasesTest, BadSubmissionsAreRefusedWithNothingStored) {
  auto before = audit_rows();
  Submission s;
  s.content = {"", "รายละเอียด", "", "", "", "", {}};
  EXPECT_EQ(svc().submit(f->agency_id, s, store::Actor::citizen()).error().field, "subject");
  s.content = {"เรื่อง", "รายละเอียด", "", "", "08x-123", "", {}};
  EXPECT_EQ(svc().submit(f->agency_id, s, store::Actor::citizen()).error().field, "phone");
  s.content = {"เรื่อง", std::string(6000, 'a'), "", "", "", "", {}};
  EXPECT_EQ(svc().submit(f->agency_id, s, store::Actor::citizen()).error().message_key, "error.too_long");
  s.content = {"เรื่อง", "รายละเอียด", "", "", "", "", {}};
  s.topic = "gossip";
  EXPECT_EQ(svc().submit(f->agency_id, s, store::Actor::citizen()).error().field, "topic");
  s.topic = "";
  s.content.details = std::string("bad \x01 control");
  EXPECT_FALSE(svc().submit(f->agency_id, s, store::Actor::citizen()));
  EXPECT_EQ(audit_rows(), before);
}

TEST_F(CasesTest, TheCorruptionChannelIsSealedToItsOfficersAndTheCitizen) {
  // An agency where no officer has a key yet: the channel cannot take a complaint nobody could read.
  auto other =
      f->app->get<accounts::Service>().add_hosted_agency({"เทศบาลตำบลอื่น", "admin@other.example"}, "other.example");
  ASSERT_TRUE(other);
  EXPECT_FALSE(svc().corruption_channel_open(other->agency_id));
  EXPECT_EQ(svc().submit(other->agency_id, corruption(), store::Actor::citizen()).error().message_key,
            "error.sealed_channel_closed");
  // Here the demo officer's key (made as `init --demo` does) opens the channel.
  auto [officer, token] = session("integrity@example.org");
  EXPECT_FALSE(svc().unlocked(officer, token));
  EXPECT_EQ(svc().unlock(officer, "wrong password", token).error().message_key, "error.password_wrong");
  ASSERT_TRUE(svc().unlock(officer, f->password, token));
  EXPECT_TRUE(svc().unlocked(officer, token));
  EXPECT_FALSE(svc().unlocked(officer, "another token"));
  EXPECT_TRUE(svc().corruption_channel_open(f->agency_id));

  auto receipt = svc().submit(f->agency_id, corruption(), store::Actor::citizen());
  ASSERT_TRUE(receipt);
  auto c = svc().open(officer, receipt->case_id, token);
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->content.accused, "นายช่างโยธาผู้ตรวจแบบ");
  ASSERT_TRUE(svc().move(officer, receipt->case_id, Status::reviewing, "รับไว้พิจารณาแล้ว", token));
  ASSERT_TRUE(svc().officer_reply(officer, receipt->case_id, "ขอทราบวันที่ที่ถูกเรียกเงินด้วย", token));
  ASSERT_TRUE(svc().citizen_reply(f->agency_id, receipt->code, "วันที่ 3 มีนาคม ที่ห้องกองช่าง"));
  auto mine = svc().track(f->agency_id, receipt->code);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->content.details, corruption().content.details);
  ASSERT_EQ(mine->messages.size(), 2u);
  EXPECT_EQ(mine->messages[0].body, "ขอทราบวันที่ที่ถูกเรียกเงินด้วย");
  EXPECT_EQ(mine->events.back().note, "รับไว้พิจารณาแล้ว");

  // Nobody else reads it: not an admin, not a general complaint officer, not the officer
  // without their unlocked key, not a stale session.
  auto [admin, admin_token] = session("admin@example.org");
  EXPECT_EQ(svc().open(admin, receipt->case_id, admin_token).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(svc().inbox(admin, Channel::corruption).error().kind, ErrorKind::forbidden);
  auto general = f->principal("complaints@example.org");
  EXPECT_EQ(svc().open(general, receipt->case_id, "").error().kind, ErrorKind::forbidden);
  EXPECT_EQ(svc().open(officer, receipt->case_id, "").error().message_key, "error.sealed_locked");
  auto [again, other_token] = session("integrity@example.org");
  EXPECT_EQ(svc().open(again, receipt->case_id, other_token).error().message_key, "error.sealed_locked");

  // The database keeps none of it in clear.
  if (!testing::on_postgresql()) {
    std::string bytes = database_bytes();
    ASSERT_GT(bytes.size(), 10000u);
    for (const std::string& secret :
         {corruption().content.details, corruption().content.subject, corruption().content.accused,
          std::string("วันที่ 3 มีนาคม"), std::string("รับไว้พิจารณาแล้ว")})
      EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
  }
  auto inbox = svc().inbox(officer, Channel::corruption);
  ASSERT_TRUE(inbox);
  ASSERT_EQ(inbox->size(), 1u);
  EXPECT_EQ(inbox->at(0).subject, "") << "the inbox shows no content of sealed cases";
}

// A corruption complaint's times (the case, its arrival, the citizen's replies, the audit
// entries) are its day: the second would match a log, a camera or a phone record.
TEST_F(CasesTest, ACorruptionComplaintKeepsOnlyItsDayAGeneralOneItsTime) {
  auto [officer, token] = session("integrity@example.org");
  ASSERT_TRUE(svc().unlock(officer, f->password, token));
  const std::int64_t day = calendar::start_of_day(calendar::make_date(2026, 12, 5));
  f->clock->set(day + 14 * 3600 + 37 * 60 + 21);
  auto sealed = svc().submit(f->agency_id, corruption(), store::Actor::citizen());
  ASSERT_TRUE(sealed);
  f->clock->advance(3600);
  ASSERT_TRUE(svc().officer_reply(officer, sealed->case_id, "ขอรายละเอียดเพิ่มเติม", token));
  f->clock->advance(3600);
  ASSERT_TRUE(svc().citizen_reply(f->agency_id, sealed->code, "ที่ห้องกองช่าง"));
  Submission general;
  general.content = {"ไฟทางดับ", "หน้าโรงเรียน", "", "", "", "", {}};
  auto open = svc().submit(f->agency_id, general, store::Actor::citizen());
  ASSERT_TRUE(open);

  auto mine = svc().track(f->agency_id, sealed->code);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->created_at, day);
  EXPECT_EQ(mine->events.front().at, day);
  ASSERT_EQ(mine->messages.size(), 2u);
  EXPECT_EQ(mine->messages[0].at, day + 14 * 3600 + 37 * 60 + 21 + 3600) << "the officer's reply keeps its time";
  EXPECT_EQ(mine->messages[1].at, day) << "the citizen's reply keeps its day";
  auto audit_times = [&](std::int64_t case_id) {
    return f->app->store().read([&](store::ReadTx& tx) {
      std::vector<std::int64_t> at;
      for (const auto& r :
           tx.query("SELECT at FROM audit_log WHERE entity = 'case' AND entity_id = ? AND actor = 'citizen'",
                    {std::to_string(case_id)}))
        at.push_back(r.integer("at"));
      return at;
    });
  };
  EXPECT_EQ(audit_times(sealed->case_id), (std::vector<std::int64_t>{day, day}));
  EXPECT_EQ(svc().track(f->agency_id, open->code)->created_at, day + 14 * 3600 + 37 * 60 + 21 + 7200);
  EXPECT_EQ(audit_times(open->case_id), (std::vector<std::int64_t>{day + 14 * 3600 + 37 * 60 + 21 + 7200}));
}

TEST_F(CasesTest, OneCodeTakesAFewRepliesADayNotADiskful) {
  Submission general;
  general.content = {"ถนนชำรุด", "หน้าวัด", "", "", "", "", {}};
  f->clock->set(calendar::start_of_day(calendar::make_date(2026, 12, 5)) + 9 * 3600);
  auto r = svc().submit(f->agency_id, general, store::Actor::citizen());
  ASSERT_TRUE(r);
  for (std::int64_t i = 0; i < kRepliesPerCaseDay; ++i)
    ASSERT_TRUE(svc().citizen_reply(f->agency_id, r->code, "เพิ่มเติม " + std::to_string(i)));
  auto refused = svc().citizen_reply(f->agency_id, r->code, "อีกครั้ง");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::too_many_requests);
  EXPECT_EQ(svc().track(f->agency_id, r->code)->messages.size(), static_cast<std::size_t>(kRepliesPerCaseDay));
  f->clock->advance(15 * 3600);  // the next day, Thailand time
  EXPECT_TRUE(svc().citizen_reply(f->agency_id, r->code, "วันใหม่"));
}

// Citizens' files fill no disk: the agency's day takes what the admin allows, then a sender
// is asked to send the text alone; the text is never refused, officers' files do not count,
// and the admin sees the day it happened (once, in the audit, with no time of day).
TEST_F(CasesTest, AnAgencyTakesADaysWorthOfCitizensFilesThenAsksForTextAlone) {
  auto admin = f->principal("admin@example.org");
  EXPECT_EQ(svc().set_attachment_ceiling(admin, 5).error().field, "attachment_mb");
  EXPECT_EQ(svc().set_attachment_ceiling(f->principal("staff@example.org"), 50).error().kind, ErrorKind::forbidden);
  ASSERT_TRUE(svc().set_attachment_ceiling(admin, Service::kMinAttachmentMbPerDay));
  EXPECT_EQ(svc().attachment_intake(f->agency_id).ceiling_mb, 10);
  EXPECT_EQ(svc().retention_days(f->agency_id), Service::kDefaultRetentionDays) << "the other setting is kept";
  f->clock->set(calendar::start_of_day(calendar::make_date(2026, 12, 5)) + 9 * 3600 + 17 * 60 + 23);

  const std::string four_mb = "%PDF-1.4\n" + std::string(4u << 20, 'x') + "\n%%EOF\n";
  Submission general;
  general.content = {"ถนนชำรุด", "หน้าวัด", "", "", "", "", {}};
  general.attachments = {{"a.pdf", four_mb}, {"b.pdf", four_mb}};
  auto first = svc().submit(f->agency_id, general, store::Actor::citizen());
  ASSERT_TRUE(first);
  EXPECT_FALSE(svc().attachment_intake(f->agency_id).reached);

  Submission s = corruption();
  s.attachments = {{"c.pdf", four_mb}};
  auto refused = svc().submit(f->agency_id, s, store::Actor::citizen());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message_key, "error.attachments_day_full");
  EXPECT_EQ(refused.error().field, "attachments");
  EXPECT_EQ(refused.error().kind, ErrorKind::too_many_requests);
  EXPECT_FALSE(svc().citizen_reply(f->agency_id, first->code, "รูปเพิ่ม", {{"d.pdf", four_mb}}));
  Service::Intake today = svc().attachment_intake(f->agency_id);
  EXPECT_TRUE(today.reached);
  EXPECT_EQ(today.bytes, 2 * static_cast<std::int64_t>(four_mb.size())) << "refused files count nothing";

  s.attachments.clear();
  EXPECT_TRUE(svc().submit(f->agency_id, s, store::Actor::citizen())) << "the text alone";
  EXPECT_TRUE(svc().citizen_reply(f->agency_id, first->code, "ข้อความเพิ่มเติม"));
  Submission by_phone = general;
  by_phone.via = Via::phone;
  EXPECT_TRUE(svc().enter(f->principal("complaints@example.org"), by_phone)) << "an officer's files do not count";

  // Said once, as the day only.
  auto notes = f->app->store().read(
      [&](store::ReadTx& tx) { return tx.query("SELECT at, actor FROM audit_log WHERE action = 'ceiling_reached'"); });
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].integer("at"), calendar::start_of_day(calendar::make_date(2026, 12, 5)));

  f->clock->advance(24 * 3600);  // a new day
  EXPECT_FALSE(svc().attachment_intake(f->agency_id).reached);
  EXPECT_TRUE(svc().citizen_reply(f->agency_id, first->code, "รูปเพิ่ม", {{"d.pdf", four_mb}}));
  svc().purge_expired();
  EXPECT_EQ(f->app->store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM attachment_intake"); }),
            1)
      << "only today's count is kept";
}

TEST_F(CasesTest, OfficersEnterComplaintsTakenByPhoneLetterOrAtTheCounter) {
  auto general = f->principal("complaints@example.org");
  Submission s;
  s.via = Via::phone;
  s.topic = "suggestion";
  s.content = {"ขอให้ขยายเวลาเปิดศูนย์บริการ", "ขอให้เปิดวันเสาร์ครึ่งวัน", "", "นายสมชาย", "0812345678", "", {}};
  auto receipt = svc().enter(general, s);
  ASSERT_TRUE(receipt) << receipt.error().detail;
  auto c = svc().track(f->agency_id, receipt->code);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->via, Via::phone);
  EXPECT_EQ(c->topic, "suggestion");
  auto inbox = svc().inbox(general, Channel::complaint);
  ASSERT_TRUE(inbox);
  ASSERT_EQ(inbox->size(), 1u);
  EXPECT_EQ(inbox->at(0).via, Via::phone);

  // "web" is what the public form records; an officer names the real channel.
  s.via = Via::web;
  EXPECT_EQ(svc().enter(general, s).error().field, "via");
  // A general complaint officer does not take sealed complaints; nor does staff.
  s.via = Via::letter;
  Submission sealed = corruption();
  sealed.via = Via::letter;
  EXPECT_EQ(svc().enter(general, sealed).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(svc().enter(f->principal("staff@example.org"), s).error().kind, ErrorKind::forbidden);

  // The corruption officer enters a letter: sealed like a web complaint, readable by its code.
  auto [officer, token] = session("integrity@example.org");
  ASSERT_TRUE(svc().unlock(officer, f->password, token));
  auto letter = svc().enter(officer, sealed);
  ASSERT_TRUE(letter) << letter.error().detail;
  auto mine = svc().track(f->agency_id, letter->code);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->via, Via::letter);
  EXPECT_TRUE(mine->sealed);
  auto opened = svc().open(officer, letter->case_id, token);
  ASSERT_TRUE(opened);
  EXPECT_EQ(opened->content.accused, sealed.content.accused);
  // The audit log names who entered it and how it came, not what it says.
  std::string last = f->app->store().read([](store::ReadTx& tx) {
    return tx.query_one("SELECT actor, after_json FROM audit_log ORDER BY id DESC LIMIT 1")->text("after_json");
  });
  EXPECT_NE(last.find("letter"), std::string::npos) << last;
  EXPECT_EQ(last.find("อนุญาต"), std::string::npos) << last;
}

TEST_F(CasesTest, StatisticsCountByChannelTopicStatusAndArrivalAndTimeToCloseByHand) {
  auto general = f->principal("complaints@example.org");
  auto [officer, token] = session("integrity@example.org");
  ASSERT_TRUE(svc().unlock(officer, f->password, token));
  // FY 2567 begins 1 Oct 2023.
  f->clock->set(calendar::start_of_day(calendar::make_date(2023, 10, 2)));
  auto file = [&](const char* topic, Via via) {
    Submission s;
    s.topic = topic;
    s.via = via;
    s.content = {"เรื่อง", "รายละเอียด", "", "นายทดสอบ สถิติ", "0811111111", "", {}};
    return via == Via::web ? svc().submit(f->agency_id, s, store::Actor::citizen()).value().case_id
                           : svc().enter(general, s).value().case_id;
  };
  std::int64_t a = file("complaint", Via::web), b = file("complaint", Via::phone), c = file("suggestion", Via::web);
  file("praise", Via::letter);
  Submission sealed = corruption();
  std::int64_t d = svc().submit(f->agency_id, sealed, store::Actor::citizen()).value().case_id;
  f->clock->advance(2 * 86400);
  ASSERT_TRUE(svc().move(general, a, Status::resolved, "", ""));
  f->clock->advance(4 * 86400);
  ASSERT_TRUE(svc().move(general, b, Status::rejected, "ไม่อยู่ในอำนาจหน้าที่", ""));
  ASSERT_TRUE(svc().move(general, c, Status::reviewing, "", ""));
  ASSERT_TRUE(svc().move(officer, d, Status::resolved, "", token));
  // A case of the next fiscal year does not count.
  f->clock->set(calendar::start_of_day(calendar::make_date(2024, 10, 1)));
  file("complaint", Via::web);

  Statistics st = svc().statistics(f->agency_id, calendar::FiscalYear(2567).period());
  EXPECT_EQ(st.general.received, 4);
  EXPECT_EQ(st.general.closed, 2);
  EXPECT_EQ(st.general.open, 2);
  auto count = [](const auto& pairs, auto key) {
    for (const auto& [k, n] : pairs) {
      if (k == key) return n;
    }
    return std::int64_t{-1};
  };
  EXPECT_EQ(count(st.general.by_topic, std::string("complaint")), 2);
  EXPECT_EQ(count(st.general.by_topic, std::string("praise")), 1);
  EXPECT_EQ(count(st.general.by_status, Status::reviewing), 1);
  EXPECT_EQ(count(st.general.by_status, Status::received), 1);
  EXPECT_EQ(count(st.general.by_via, Via::web), 2);
  EXPECT_EQ(count(st.general.by_via, Via::letter), 1);
  // Closed after 2 and 6 days: nearest-rank median 2 days, p90 6 days.
  EXPECT_EQ(st.general.time_to_close.median, 2 * 86400);
  EXPECT_EQ(st.general.time_to_close.p90, 6 * 86400);
  EXPECT_EQ(st.corruption.received, 1);
  EXPECT_EQ(st.corruption.closed, 1);
  EXPECT_EQ(st.corruption.time_to_close.median, 6 * 86400);
  EXPECT_TRUE(st.corruption.by_topic.empty());
  EXPECT_EQ(svc().statistics(f->agency_id, calendar::FiscalYear(2568).period()).general.received, 1);
}

TEST_F(CasesTest, ClosedCasesAreDeletedForGoodAfterTheRetentionPeriod) {
  auto admin = f->principal("admin@example.org");
  auto general = f->principal("complaints@example.org");
  EXPECT_EQ(svc().retention_days(f->agency_id), Service::kDefaultRetentionDays);
  EXPECT_EQ(svc().set_retention_days(admin, 29).error().field, "retention_days");
  EXPECT_EQ(svc().set_retention_days(general, 60).error().kind, ErrorKind::forbidden);
  ASSERT_TRUE(svc().set_retention_days(admin, 30));

  Submission s;
  s.content = {"ถนนเป็นหลุมหน้าบ้านนายแก้วมณี", "หลุมลึกประมาณหนึ่งคืบ รถจักรยานยนต์ล้มไปสองคัน", "", "แก้วมณี ศรีสุข", "", "", {}};
  auto still_open = svc().submit(f->agency_id, s, store::Actor::citizen());
  s.attachments = {{"หลุม.pdf", "%PDF-1.4\n% photo of the hole: PURGED-FILE-5521\n"}};
  auto old_one = svc().submit(f->agency_id, s, store::Actor::citizen());
  ASSERT_TRUE(old_one && still_open);
  ASSERT_TRUE(svc().citizen_reply(f->agency_id, old_one->code, "ข้อความติดตามเรื่องจากผู้ร้อง"));
  ASSERT_TRUE(svc().move(general, old_one->case_id, Status::resolved, "ซ่อมแล้ว", ""));
  f->clock->advance(29 * 86400);
  EXPECT_EQ(svc().purge_expired(), 0) << "not yet";
  EXPECT_TRUE(svc().track(f->agency_id, old_one->code));
  f->clock->advance(2 * 86400);
  EXPECT_EQ(svc().purge_expired(), 1);
  EXPECT_EQ(svc().purge_expired(), 0) << "idempotent";
  EXPECT_EQ(svc().track(f->agency_id, old_one->code).error().kind, ErrorKind::not_found);
  EXPECT_TRUE(svc().track(f->agency_id, still_open->code)) << "open cases are kept";
  // Its message is gone from the file, not just unlinked (secure_delete, WAL truncated).
  if (!testing::on_postgresql()) {
    std::string bytes = database_bytes();
    EXPECT_EQ(bytes.find("ข้อความติดตามเรื่องจากผู้ร้อง"), std::string::npos);
    EXPECT_EQ(bytes.find("ซ่อมแล้ว"), std::string::npos);
    EXPECT_EQ(bytes.find("PURGED-FILE-5521"), std::string::npos);
  }
  std::string last = f->app->store().read([](store::ReadTx& tx) {
    return tx.query_one("SELECT action, after_json FROM audit_log ORDER BY id DESC LIMIT 1")->text("after_json");
  });
  EXPECT_NE(last.find("\"cases\":1"), std::string::npos) << last;
}

TEST_F(CasesTest, AttachmentsAreCheckedByContentAndSealedWithTheirCase) {
  auto [officer, token] = session("integrity@example.org");
  ASSERT_TRUE(svc().unlock(officer, f->password, token));
  const std::string evidence = "%PDF-1.4\n% receipt of the bribe: SECRET-EVIDENCE-7731\n%%EOF\n";
  Submission s = corruption();
  s.attachments = {{"ใบเสร็จ.pdf", evidence}};
  auto receipt = svc().submit(f->agency_id, s, store::Actor::citizen());
  ASSERT_TRUE(receipt) << receipt.error().detail;

  auto mine = svc().track(f->agency_id, receipt->code);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->files.size(), 1u);
  EXPECT_EQ(mine->files[0].name, "ไฟล์แนบ 1.pdf") << "a sealed case keeps no file name of the sender's";
  EXPECT_TRUE(mine->files[0].from_citizen);
  auto by_code = svc().citizen_file(f->agency_id, receipt->code, mine->files[0].id);
  ASSERT_TRUE(by_code);
  EXPECT_EQ(by_code->second, evidence);
  EXPECT_EQ(by_code->first.content_type, "application/pdf");
  auto by_officer = svc().officer_file(officer, receipt->case_id, mine->files[0].id, token);
  ASSERT_TRUE(by_officer);
  EXPECT_EQ(by_officer->second, evidence);
  EXPECT_EQ(svc().officer_file(officer, receipt->case_id, mine->files[0].id, "").error().message_key,
            "error.sealed_locked");
  auto admin = f->principal("admin@example.org");
  EXPECT_EQ(svc().officer_file(admin, receipt->case_id, mine->files[0].id, "").error().kind, ErrorKind::forbidden);
  EXPECT_EQ(svc().citizen_file(f->agency_id, receipt->code, mine->files[0].id + 1000).error().kind,
            ErrorKind::not_found);

  // The officer answers with a file; the citizen gets it with the code.
  ASSERT_TRUE(svc().officer_reply(officer, receipt->case_id, "แนบแบบฟอร์มให้กรอกเพิ่มเติม", token,
                                  {{"แบบฟอร์ม.pdf", "%PDF-1.4\n%form\n"}}));
  EXPECT_EQ(svc().track(f->agency_id, receipt->code)->files.size(), 2u);

  // Neither the file's bytes nor its name are in the database files.
  if (!testing::on_postgresql()) {
    std::string bytes = database_bytes();
    EXPECT_EQ(bytes.find("SECRET-EVIDENCE-7731"), std::string::npos);
    EXPECT_EQ(bytes.find("ใบเสร็จ.pdf"), std::string::npos);
  }

  // Refused whole: an HTML page, a sixth file, one over the size limit.
  auto rows = [&] {
    return f->app->store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM case_files"); });
  };
  std::int64_t before = rows();
  Submission bad = corruption();
  bad.attachments = {{"x.pdf", "<html><script>alert(1)</script></html>"}};
  EXPECT_EQ(svc().submit(f->agency_id, bad, store::Actor::citizen()).error().field, "attachments");
  bad.attachments.assign(6, files::Upload{"a.pdf", evidence});
  EXPECT_EQ(svc().submit(f->agency_id, bad, store::Actor::citizen()).error().message_key, "error.too_many_files");
  std::string big = "%PDF-1.4\n" + std::string(kMaxAttachmentBytes, 'x');
  EXPECT_EQ(svc().citizen_reply(f->agency_id, receipt->code, "ไฟล์ใหญ่", {{"big.pdf", big}}).error().message_key,
            "error.attachment_too_large");
  EXPECT_EQ(rows(), before);
}

// An officer the admin appoints reads nothing until an officer who holds the key confirms
// them; the admin can neither be an officer nor choose an officer's password.
TEST_F(CasesTest, KeyHoldersAreChosenByOfficersNotByTheAdmin) {
  auto& accounts = f->app->get<accounts::Service>();
  http::Principal admin = f->principal("admin@example.org");
  auto [first, first_token] = unlocked_officer();
  auto before = svc().submit(f->agency_id, corruption(), store::Actor::citizen());
  ASSERT_TRUE(before);

  // The admin cannot take the role, nor give it with a password of their choosing.
  auto admin_user = *accounts.user_by_email(f->agency_id, "admin@example.org");
  accounts::UserInput self{admin_user.email,    admin_user.display_name,
                           admin_user.position, {http::Role::admin, http::Role::corruption_officer},
                           admin_user.unit_ids, true};
  EXPECT_EQ(accounts.update_user(admin, admin_user.id, self).error().message_key, "error.admin_not_officer");
  accounts::UserInput in{"integrity2@example.org", "นิติกรคนที่สอง", "นิติกร", {http::Role::corruption_officer}, {}, true};
  EXPECT_EQ(accounts.create_user(accounts::actor_of(admin), f->agency_id, in, "admin-knows-this-1").error().message_key,
            "error.officer_enrols");

  // Invited by a link (which the admin sees, and might use): a key made this way waits.
  auto invited = accounts.invite_user(admin, in);
  ASSERT_TRUE(invited);
  ASSERT_TRUE(accounts.enrol(f->agency_id, invited->second.token, "second-officer-passphrase"));
  EXPECT_FALSE(accounts.enrol(f->agency_id, invited->second.token, "used-twice-passphrase")) << "a link works once";
  auto s2 = accounts.login(f->agency_id, "integrity2@example.org", "second-officer-passphrase", "127.0.0.1", "test");
  ASSERT_TRUE(s2);
  http::Principal second = *accounts.resolve(s2->token, f->agency_id);
  ASSERT_TRUE(svc().unlock(second, "second-officer-passphrase", s2->token));
  EXPECT_TRUE(svc().unconfirmed(second));
  auto after = svc().submit(f->agency_id, corruption(), store::Actor::citizen());
  ASSERT_TRUE(after);
  for (auto id : {before->case_id, after->case_id})
    EXPECT_EQ(svc().open(second, id, s2->token).error().message_key, "error.key_unconfirmed");
  auto keys_of = [&](std::int64_t user) {
    return f->app->store().read(
        [&](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM case_keys WHERE user_id = ?", {user}); });
  };
  EXPECT_EQ(keys_of(second.user_id), 0) << "nothing is sealed to a key nobody confirmed";
  // Opening a case no longer hands its key to whoever lacks it.
  ASSERT_TRUE(svc().open(first, before->case_id, first_token));
  EXPECT_EQ(keys_of(second.user_id), 0);

  // A staff account whose password the admin chose, given the role: no key under that password.
  accounts::UserInput staff_in{"clerk@example.org", "เสมียน", "", {http::Role::staff}, {}, true};
  auto clerk_id = accounts.create_user(accounts::actor_of(admin), f->agency_id, staff_in, "admin-chose-this-1");
  ASSERT_TRUE(clerk_id);
  staff_in.roles = {http::Role::corruption_officer};
  ASSERT_TRUE(accounts.update_user(admin, *clerk_id, staff_in));
  auto s3 = accounts.login(f->agency_id, "clerk@example.org", "admin-chose-this-1", "127.0.0.1", "test");
  ASSERT_TRUE(s3);
  http::Principal clerk = *accounts.resolve(s3->token, f->agency_id);
  EXPECT_EQ(svc().unlock(clerk, "admin-chose-this-1", s3->token).error().message_key, "error.key_needs_own_password");
  EXPECT_FALSE(svc().has_key(clerk));

  // Every officer sees who waits; only a confirmed holder, unlocked, confirms, never themselves.
  auto holders = svc().key_holders(second);
  ASSERT_TRUE(holders);
  ASSERT_EQ(holders->holders.size(), 2u);
  EXPECT_FALSE(holders->holders[1].confirmed_at);
  EXPECT_EQ(holders->holders[1].name, "นิติกรคนที่สอง");
  EXPECT_EQ(svc().confirm_holder(second, second.user_id, s2->token).error().message_key, "error.confirm_self");
  EXPECT_EQ(svc().confirm_holder(second, first.user_id, s2->token).error().message_key, "error.key_unconfirmed");
  EXPECT_FALSE(svc().key_holders(admin)) << "the admin does not see the channel's holders";
  EXPECT_EQ(svc().confirm_holder(first, clerk.user_id, first_token).error().message_key, "error.confirm_nothing");
  auto shared = svc().confirm_holder(first, second.user_id, first_token);
  ASSERT_TRUE(shared);
  EXPECT_EQ(*shared, 2);
  for (auto id : {before->case_id, after->case_id}) EXPECT_TRUE(svc().open(second, id, s2->token));
  holders = svc().key_holders(first);
  ASSERT_EQ(holders->grants.size(), 2u);
  EXPECT_EQ(holders->grants[0].by_name, holders->holders[0].name) << "the grant names who gave it";
  EXPECT_EQ(holders->grants[0].to_name, "นิติกรคนที่สอง");
  EXPECT_EQ(holders->grants[0].cases, 2);
  EXPECT_EQ(holders->grants[1].user_id, holders->grants[1].granted_by) << "the first key opened the channel";
  EXPECT_EQ(f->app->store().read([&](store::ReadTx& tx) {
    return tx.count(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'officer_key' AND action = 'confirm' AND entity_id = ? AND "
        "actor_user_id = ?",
        {std::to_string(second.user_id), first.user_id});
  }),
            1)
      << "the audit names the receiver (entity) and the granter (actor)";

  // A changed password re-wraps the key: a new session unlocks with the new password.
  ASSERT_TRUE(accounts.change_own_password(second, "second-officer-passphrase", "another-long-passphrase-2569"));
  auto s4 = accounts.login(f->agency_id, "integrity2@example.org", "another-long-passphrase-2569", "", "");
  ASSERT_TRUE(s4);
  auto second_again = *accounts.resolve(s4->token, f->agency_id);
  ASSERT_TRUE(svc().unlock(second_again, "another-long-passphrase-2569", s4->token));
  ASSERT_TRUE(svc().open(second_again, after->case_id, s4->token));

  // The admin cannot choose an officer's new password; a link resets it, and the key is lost.
  auto first_user = *accounts.user_by_email(f->agency_id, "integrity@example.org");
  EXPECT_EQ(accounts.reset_password(accounts::actor_of(admin), f->agency_id, first_user.id, "admin-knows-this-2")
                .error()
                .message_key,
            "error.officer_enrols");
  ASSERT_TRUE(accounts.reset_by_link(admin, first_user.id));
  EXPECT_EQ(keys_of(first_user.id), 2) << "kept for the recovery code";
  EXPECT_TRUE(svc().needs_recovery(first));

  // The role taken away, or the account closed: their keys go, and any way to the cases.
  auto user = *accounts.user_by_email(f->agency_id, "integrity2@example.org");
  accounts::UserInput demoted{user.email, user.display_name, user.position, {http::Role::staff}, {}, true};
  ASSERT_TRUE(accounts.update_user(admin, user.id, demoted));
  EXPECT_EQ(keys_of(user.id), 0);
  EXPECT_TRUE(svc().corruption_channel_open(f->agency_id)) << "the first officer's key waits for its code";
  accounts::UserInput closed{first_user.email, first_user.display_name, first_user.position,
                             first_user.roles, first_user.unit_ids,     false};
  ASSERT_TRUE(accounts.update_user(admin, first_user.id, closed));
  EXPECT_EQ(keys_of(first_user.id), 0);
  EXPECT_FALSE(svc().corruption_channel_open(f->agency_id)) << "no officer holds a key now";
}

// A lost password loses nothing: the admin's link sets a new one, and the recovery code
// (shown once when the key was made) opens the same key under it.
TEST_F(CasesTest, ARecoveryCodeOpensTheSameKeyAfterAPasswordLink) {
  auto& accounts = f->app->get<accounts::Service>();
  http::Principal admin = f->principal("admin@example.org");
  accounts::UserInput in{"integrity2@example.org", "นิติกรคนที่สอง", "นิติกร", {http::Role::corruption_officer}, {}, true};
  auto invited = accounts.invite_user(admin, in);
  ASSERT_TRUE(invited);
  std::int64_t id = invited->first;
  // Signs in with the password a link set; the session and its token.
  auto enrol_and_sign_in = [&](const std::string& token, const std::string& password) {
    EXPECT_TRUE(accounts.enrol(f->agency_id, token, password));
    auto s = accounts.login(f->agency_id, "integrity2@example.org", password, "127.0.0.1", "test");
    EXPECT_TRUE(s);
    return std::make_pair(*accounts.resolve(s->token, f->agency_id), s->token);
  };
  auto [me, token] = enrol_and_sign_in(invited->second.token, "first-passphrase-2570");
  auto made = svc().unlock(me, "first-passphrase-2570", token);
  ASSERT_TRUE(made);
  ASSERT_TRUE(*made) << "a new key comes with its recovery code";
  std::string code = **made;
  EXPECT_TRUE(normalise_receipt(code));
  EXPECT_FALSE(*svc().unlock(me, "first-passphrase-2570", token)) << "shown once: not again";
  auto [first, first_token] = unlocked_officer();
  auto receipt = svc().submit(f->agency_id, corruption(), store::Actor::citizen());
  ASSERT_TRUE(receipt);
  ASSERT_TRUE(svc().confirm_holder(first, id, first_token));

  // Forgotten: a link, a new password, and the code (as typed: lower case, spaces).
  auto link = accounts.reset_by_link(admin, id);
  ASSERT_TRUE(link);
  std::tie(me, token) = enrol_and_sign_in(link->token, "second-passphrase-2570");
  EXPECT_TRUE(svc().needs_recovery(me));
  EXPECT_EQ(svc().open(me, receipt->case_id, token).error().message_key, "error.sealed_locked");
  EXPECT_EQ(svc().unlock(me, "second-passphrase-2570", token).error().message_key, "error.required");
  EXPECT_EQ(svc().unlock(me, "second-passphrase-2570", token, "7KQ2M-9XD4H-TR8W3-NPZ6A").error().message_key,
            "error.recovery_wrong");
  std::string typed = code;
  std::replace(typed.begin(), typed.end(), '-', ' ');
  std::transform(typed.begin(), typed.end(), typed.begin(), [](unsigned char c) { return std::tolower(c); });
  ASSERT_TRUE(svc().unlock(me, "second-passphrase-2570", token, typed));
  EXPECT_FALSE(svc().needs_recovery(me));
  EXPECT_TRUE(svc().open(me, receipt->case_id, token)) << "the same key, still confirmed";

  // A new code replaces the old one.
  auto fresh = svc().new_recovery_code(me, token);
  ASSERT_TRUE(fresh);
  link = accounts.reset_by_link(admin, id);
  std::tie(me, token) = enrol_and_sign_in(link->token, "third-passphrase-2570");
  EXPECT_EQ(svc().unlock(me, "third-passphrase-2570", token, code).error().message_key, "error.recovery_wrong");
  ASSERT_TRUE(svc().unlock(me, "third-passphrase-2570", token, *fresh));

  // Both lost: a new key, which waits for a colleague again.
  link = accounts.reset_by_link(admin, id);
  std::tie(me, token) = enrol_and_sign_in(link->token, "fourth-passphrase-2570");
  auto over = svc().start_over(me, "fourth-passphrase-2570", token);
  ASSERT_TRUE(over);
  EXPECT_TRUE(*over);
  EXPECT_TRUE(svc().unconfirmed(me));
  EXPECT_EQ(svc().open(me, receipt->case_id, token).error().message_key, "error.key_unconfirmed");
}

TEST(Custodian, KeyFilesOpenOnlyWithTheirPassphraseAndPublicKeysSurviveHowTheyArePasted) {
  crypto::init();
  auto keys = sealing::key_pair();
  EXPECT_EQ(custodian::make_key_file("ป.ป.ช. จังหวัด", "short", keys).error().message_key,
            "error.custodian_passphrase_short");
  auto file = custodian::make_key_file("สำนักงาน ป.ป.ช. ประจำจังหวัดขอนแก่น", "ระฆังวัดดังสามครั้ง", keys);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->find(crypto::to_base64(keys.secret_key)), std::string::npos) << "the private key is not in clear";
  EXPECT_EQ(custodian::open_key_file(*file, "ระฆังวัดดังสองครั้ง").error().message_key, "error.custodian_passphrase");
  EXPECT_EQ(custodian::open_key_file("{}", "x").error().message_key, "error.custodian_key_file");
  EXPECT_EQ(custodian::open_key_file("\xff\xfe", "x").error().message_key, "error.custodian_key_file");
  auto opened = custodian::open_key_file(*file, "ระฆังวัดดังสามครั้ง");
  ASSERT_TRUE(opened);
  EXPECT_EQ(opened->name, "สำนักงาน ป.ป.ช. ประจำจังหวัดขอนแก่น");
  EXPECT_EQ(opened->keys.secret_key, keys.secret_key);

  std::string text = custodian::public_key_text(keys.public_key);
  EXPECT_TRUE(text.starts_with("prongsai-custodian-1:"));
  std::string pasted = "  " + text.substr(0, 30) + "\r\n" + text.substr(30) + "\n";
  EXPECT_EQ(custodian::parse_public_key(pasted), keys.public_key) << "line breaks from an e-mail are forgiven";
  EXPECT_FALSE(custodian::parse_public_key(crypto::to_base64(keys.public_key))) << "the prefix is required";
  EXPECT_FALSE(custodian::parse_public_key(text.substr(0, text.size() - 4))) << "a key cut short";
  std::string fp = custodian::fingerprint(keys.public_key);
  EXPECT_EQ(fp.size(), 24u);
  EXPECT_EQ(fp[4], '-');
  EXPECT_NE(fp, custodian::fingerprint(sealing::key_pair().public_key));
}

// The outside custodian: registered by the admin, confirmed by a holder, sealed every case
// key; when every officer is gone, it gives a new officer the old cases through files that
// never carry a key in clear, and nobody else can use them.
TEST_F(CasesTest, AnOutsideCustodianGivesANewOfficerTheCasesOfOneWhoLeft) {
  auto& accounts = f->app->get<accounts::Service>();
  http::Principal admin = f->principal("admin@example.org");
  auto [first, first_token] = unlocked_officer();
  auto before = svc().submit(f->agency_id, corruption(), store::Actor::citizen());
  ASSERT_TRUE(before);

  // Made offline by the custodian; the admin registers the public key only.
  auto custodian_keys = sealing::key_pair();
  auto key_file = custodian::make_key_file("สำนักงาน ป.ป.ช. ประจำจังหวัด", "ระฆังวัดดังสามครั้ง", custodian_keys);
  ASSERT_TRUE(key_file);
  std::string public_text = custodian::public_key_text(custodian_keys.public_key);
  EXPECT_EQ(svc().register_custodian(first, "ป.ป.ช.", public_text).error().kind, ErrorKind::forbidden)
      << "officers confirm; the admin names";
  EXPECT_EQ(svc().register_custodian(admin, "ป.ป.ช.", "prongsai-custodian-1:AAAA").error().message_key,
            "error.custodian_key_format");
  ASSERT_TRUE(svc().register_custodian(admin, "สำนักงาน ป.ป.ช. ประจำจังหวัด", public_text));
  auto c = svc().custodian(f->agency_id);
  ASSERT_TRUE(c);
  EXPECT_FALSE(c->confirmed_at);
  EXPECT_EQ(c->fingerprint, custodian::fingerprint(custodian_keys.public_key));
  auto copies = [&] {
    return f->app->store().read(
        [&](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM custodian_case_keys"); });
  };
  auto waiting = svc().submit(f->agency_id, corruption(), store::Actor::citizen());
  ASSERT_TRUE(waiting);
  EXPECT_EQ(copies(), 0) << "nothing is sealed to a custodian nobody confirmed";

  // A holder confirms (the admin cannot): the holder's cases are sealed to it, then every new one.
  EXPECT_EQ(svc().seal_to_custodian(admin, "").error().kind, ErrorKind::forbidden);
  EXPECT_EQ(svc().seal_to_custodian(first, "not-the-token").error().message_key, "error.sealed_locked");
  auto sealed = svc().seal_to_custodian(first, first_token);
  ASSERT_TRUE(sealed);
  EXPECT_EQ(*sealed, 2);
  c = svc().custodian(f->agency_id);
  EXPECT_TRUE(c->confirmed_at);
  EXPECT_EQ(c->confirmed_by, first.user_id);
  auto after = svc().submit(f->agency_id, corruption(), store::Actor::citizen());
  ASSERT_TRUE(after);
  EXPECT_EQ(copies(), 3);
  EXPECT_EQ(svc().custodian(f->agency_id)->missing, 0);
  EXPECT_EQ(*svc().seal_to_custodian(first, first_token), 0) << "nothing sealed twice";
  EXPECT_EQ(svc().custodian_request(first).error().message_key, "error.custodian_nothing_to_ask");

  // The only officer leaves; a new one opens the channel again, for new cases only.
  auto first_user = *accounts.user_by_email(f->agency_id, "integrity@example.org");
  accounts::UserInput closed{first_user.email, first_user.display_name, first_user.position,
                             first_user.roles, first_user.unit_ids,     false};
  ASSERT_TRUE(accounts.update_user(admin, first_user.id, closed));
  accounts::UserInput in{"integrity2@example.org", "นิติกรคนใหม่", "นิติกร", {http::Role::corruption_officer}, {}, true};
  auto invited = accounts.invite_user(admin, in);
  ASSERT_TRUE(invited);
  ASSERT_TRUE(accounts.enrol(f->agency_id, invited->second.token, "new-officer-passphrase"));
  auto s2 = accounts.login(f->agency_id, "integrity2@example.org", "new-officer-passphrase", "127.0.0.1", "test");
  ASSERT_TRUE(s2);
  http::Principal second = *accounts.resolve(s2->token, f->agency_id);
  ASSERT_TRUE(svc().unlock(second, "new-officer-passphrase", s2->token));
  EXPECT_FALSE(svc().unconfirmed(second)) << "the channel's first key again";
  for (auto id : {before->case_id, waiting->case_id, after->case_id})
    EXPECT_EQ(svc().open(second, id, s2->token).error().message_key, "error.sealed_not_shared");
  EXPECT_EQ(svc().custodian_holds_for(second), 3);

  // The request: nothing in clear, the officer's key named; the custodian answers offline.
  auto request = svc().custodian_request(second);
  ASSERT_TRUE(request);
  EXPECT_EQ(request->second, 3);
  auto parsed = custodian::parse_request(request->first);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->officer_email, "integrity2@example.org");
  EXPECT_EQ(custodian::fingerprint(parsed->officer_public_key), svc().key_fingerprint(second));
  EXPECT_EQ(custodian::answer(*parsed, sealing::key_pair()).error().message_key, "error.custodian_not_ours");
  auto opened = custodian::open_key_file(*key_file, "ระฆังวัดดังสามครั้ง");
  ASSERT_TRUE(opened);
  auto answer = custodian::answer(*parsed, opened->keys);
  ASSERT_TRUE(answer);
  std::string answer_text = custodian::answer_json(*answer);

  // Only the officer it was made for, unlocked, can use it; an altered one saves nothing.
  EXPECT_EQ(svc().import_custodian_answer(second, answer_text, "").error().message_key, "error.sealed_locked");
  auto bad = *answer;
  bad.cases[1].second = sealing::seal_to(parsed->officer_public_key, sealing::random_key());
  EXPECT_EQ(svc().import_custodian_answer(second, custodian::answer_json(bad), s2->token).error().message_key,
            "error.custodian_answer_wrong_key");
  EXPECT_EQ(svc().open(second, before->case_id, s2->token).error().message_key, "error.sealed_not_shared")
      << "nothing half-imported";
  EXPECT_EQ(svc().import_custodian_answer(second, "{\"format\":\"x\"}", s2->token).error().message_key,
            "error.custodian_answer");
  auto gained = svc().import_custodian_answer(second, answer_text, s2->token);
  ASSERT_TRUE(gained);
  EXPECT_EQ(*gained, 3);
  for (auto id : {before->case_id, waiting->case_id, after->case_id}) {
    auto opened_case = svc().open(second, id, s2->token);
    ASSERT_TRUE(opened_case);
    EXPECT_EQ(opened_case->content.subject, "เรียกรับเงินค่าอนุญาตก่อสร้าง");
  }
  EXPECT_EQ(*svc().import_custodian_answer(second, answer_text, s2->token), 0) << "the same answer twice adds nothing";
  auto holders = svc().key_holders(second);
  ASSERT_TRUE(holders);
  ASSERT_FALSE(holders->grants.empty());
  EXPECT_TRUE(holders->grants[0].via_custodian);
  EXPECT_EQ(holders->grants[0].cases, 3);

  // A new key in place of the old one: the old copies go, and it waits for a holder again.
  ASSERT_TRUE(
      svc().register_custodian(admin, "ป.ป.ช. (กุญแจใหม่)", custodian::public_key_text(sealing::key_pair().public_key)));
  EXPECT_EQ(copies(), 0);
  EXPECT_FALSE(svc().custodian(f->agency_id)->confirmed_at);
  EXPECT_EQ(f->app->store().read([&](store::ReadTx& tx) {
    return tx.count("SELECT COUNT(*) FROM audit_log WHERE entity = 'custodian'");
  }),
            4)
      << "registered, confirmed, asked of, replaced";
  ASSERT_TRUE(svc().remove_custodian(second));
  EXPECT_FALSE(svc().custodian(f->agency_id));
}

}  // namespace
}  // namespace prongsai::cases
