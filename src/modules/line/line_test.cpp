// LINE and the outbox's messages to people: the webhook's refusals, a staff member's link, the
// alerts of new work by LINE push (retried with one key), the sealed channel's count, and a
// citizen told once per change with nothing left of them in the outbox.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "mail/mail.hpp"
#include "modules/cases/cases.hpp"
#include "modules/line/line.hpp"
#include "modules/qa/qa.hpp"
#include "modules/reminders/mailer.hpp"
#include "modules/reminders/outbox.hpp"
#include "testing/http_sink.hpp"
#include "testing/smtp_sink.hpp"
#include "testing/testing.hpp"

namespace prongsai::line {
namespace {

using nlohmann::json;
using reminders::Outbox;

constexpr char kSecret[] = "0123456789abcdef0123456789abcdef";
constexpr char kToken[] = "long-lived-channel-access-token-0123456789ABCDEFGHIJ";

struct LineTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make({}, [&](app::Options& o) {
      o.line_api_url = api.url();
      o.mail.url = "smtp://127.0.0.1:9";  // set up, never reached: these tests send by LINE
      o.mail.from = "Prongsai <noreply@namom.go.th>";
      o.public_url = "https://www.namom.go.th";
    });
    admin = f->principal("admin@example.org");
  }
  Service& line() { return f->app->get<Service>(); }
  cases::Service& cases() { return f->app->get<cases::Service>(); }
  reminders::Mailer& mailer() { return f->app->get<reminders::Mailer>(); }
  Outbox& outbox() { return f->app->get<Outbox>(); }

  // One webhook call as LINE makes it: a body of events, signed with `secret`.
  Result<std::vector<Reply>> call(const json& events, const std::string& secret = kSecret) {
    std::string body = json{{"destination", "Ubot"}, {"events", events}}.dump();
    return line().take_webhook(f->agency_id, body, signature(secret, body), "https://www.namom.go.th", "อบต.ทดสอบ",
                               {{"ถามคำถาม", "/qa/ask"}, {"ยื่นคำร้อง", "/services"}});
  }
  json event(const std::string& type, const std::string& user, const std::string& text = "") {
    json e{{"type", type},
           {"mode", "active"},
           {"timestamp", f->clock->now() * 1000},
           {"source", {{"type", "user"}, {"userId", user}}},
           {"replyToken", "reply-" + std::to_string(++n)},
           {"webhookEventId", "01HEVENT" + std::to_string(n)},
           {"deliveryContext", {{"isRedelivery", false}}}};
    if (type == "message") e["message"] = {{"type", "text"}, {"id", "1"}, {"text", text}};
    return e;
  }
  // Links `email`'s account to the LINE user `user` as a person would: a code, sent in the chat.
  void link(const std::string& email, const std::string& user) {
    auto code = line().new_link_code(f->principal(email));
    ASSERT_TRUE(code);
    auto replies = call(json::array({event("message", user, " " + *code + " ")}));
    ASSERT_TRUE(replies);
    ASSERT_EQ(replies->size(), 1u);
    EXPECT_NE(replies->at(0).text.find("เชื่อมบัญชี LINE นี้"), std::string::npos) << replies->at(0).text;
  }
  // The LINE pushes the API server got: (to, text, retry key).
  std::vector<std::array<std::string, 3>> pushes() {
    std::vector<std::array<std::string, 3>> out;
    for (const auto& r : api.requests()) {
      if (r.path != "/v2/bot/message/push") continue;
      json b = json::parse(r.body);
      out.push_back({b["to"].get<std::string>(), b["messages"][0]["text"].get<std::string>(),
                     r.headers.count("x-line-retry-key") ? r.headers.at("x-line-retry-key") : ""});
    }
    return out;
  }
  std::vector<store::Row> rows(const std::string& where) {
    return f->app->store().read([&](store::ReadTx& tx) {
      return tx.query("SELECT id, kind, channel, to_addr, subject, body, sent_at FROM mail_outbox WHERE " + where +
                      " ORDER BY id");
    });
  }

  testing::HttpSink api;
  std::unique_ptr<testing::Fixture> f;
  http::Principal admin;
  int n = 0;
};

TEST(LineSignature, IsBase64OfTheBodysHmacUnderTheChannelSecret) {
  // echo -n '{"events":[]}' | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef -binary | base64
  EXPECT_EQ(signature(kSecret, R"({"events":[]})"), "uOXhYS9SZTuRd9ahsldz+RDpMX+x899j8NDPLv38AqM=");
  std::string key = retry_key(1, 42);
  EXPECT_EQ(key.size(), 36u);
  EXPECT_EQ(key[14], '4');
  EXPECT_EQ(key, retry_key(1, 42)) << "the same row, the same key";
  EXPECT_NE(key, retry_key(1, 43));
  EXPECT_EQ(text::code_points(fit(std::string(6000, 'a'))), kMaxText);
}

TEST_F(LineTest, TheWebhookRefusesForgedOldAndReplayedCallsAndAnswersWithStartLinks) {
  // No official account yet: nothing to check a signature with.
  EXPECT_EQ(call(json::array()).error().kind, ErrorKind::not_found);
  EXPECT_EQ(line().set_channel(admin, "short", kToken).error().field, "secret");
  EXPECT_EQ(line().set_channel(admin, kSecret, "tiny").error().field, "token");
  ASSERT_TRUE(line().set_channel(admin, kSecret, kToken));
  EXPECT_TRUE(line().ready(f->agency_id));
  // The audit says that the secrets changed, never what they are.
  std::string audited = f->app->store().read([](store::ReadTx& tx) {
    return tx.query_one("SELECT after_json FROM audit_log WHERE entity = 'line_channel' ORDER BY seq DESC")
        ->text("after_json");
  });
  EXPECT_EQ(audited.find(kSecret), std::string::npos);
  EXPECT_EQ(audited.find(kToken), std::string::npos);

  EXPECT_EQ(call(json::array({event("follow", "Ucitizen")}), "another secret 0123456789abcdef").error().kind,
            ErrorKind::unauthenticated)
      << "forged";
  json old = event("follow", "Ucitizen");
  old["timestamp"] = (f->clock->now() - kEventAgeSeconds - 1) * 1000;
  EXPECT_EQ(call(json::array({old})).error().kind, ErrorKind::unauthenticated) << "old";

  json follow = event("follow", "Ucitizen");
  auto replies = call(json::array({follow}));
  ASSERT_TRUE(replies) << replies.error().detail;
  ASSERT_EQ(replies->size(), 1u);
  const std::string& menu = replies->at(0).text;
  EXPECT_EQ(replies->at(0).token, follow["replyToken"]);
  EXPECT_NE(menu.find("https://www.namom.go.th/line/start/"), std::string::npos) << menu;
  EXPECT_NE(menu.find("?to=/qa/ask"), std::string::npos);
  // The corruption channel is offered without a start link: it never learns who came from LINE.
  EXPECT_NE(menu.find("https://www.namom.go.th/complaints/new?channel=corruption"), std::string::npos);
  EXPECT_EQ(call(json::array({follow})).error().kind, ErrorKind::unauthenticated) << "replayed";

  // The start link stands for the citizen's LINE user, for a day.
  std::size_t at = menu.find("/line/start/") + 12;
  std::string token = menu.substr(at, menu.find('?', at) - at);
  EXPECT_EQ(line().start_user(f->agency_id, token), "Ucitizen");
  EXPECT_FALSE(line().start_user(f->agency_id, token + "x"));
  f->clock->advance(kStartSeconds + 1);
  EXPECT_FALSE(line().start_user(f->agency_id, token));
  EXPECT_GE(line().sweep(), 1);
}

TEST_F(LineTest, NewWorkReachesLinkedStaffByLinePushRetriedWithOneKey) {
  ASSERT_TRUE(line().set_channel(admin, kSecret, kToken));
  link("complaints@example.org", "Uofficer");
  http::Principal officer = f->principal("complaints@example.org");
  EXPECT_TRUE(line().linked_at(f->agency_id, officer.user_id));
  EXPECT_EQ(line().staff(f->agency_id).at(officer.user_id), "Uofficer");
  // A code works once.
  auto code = line().new_link_code(officer);
  ASSERT_TRUE(code);
  ASSERT_TRUE(call(json::array({event("message", "Uother", *code)})));
  auto again = call(json::array({event("message", "Uthird", *code)}));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->at(0).text.find("เชื่อมบัญชี LINE นี้"), std::string::npos) << "a menu, not a link";
  EXPECT_EQ(line().staff(f->agency_id).at(officer.user_id), "Uother");
  link("complaints@example.org", "Uofficer");

  std::int64_t id = f->complaint(cases::Channel::complaint);
  EXPECT_GE(mailer().queue_alerts(), 1);
  EXPECT_EQ(mailer().queue_alerts(), 0) << "told once";
  auto queued = rows("channel = 'line'");
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].text("to_addr"), "Uofficer");
  EXPECT_NE(queued[0].text("body").find("เรื่องร้องเรียน #" + std::to_string(id)), std::string::npos);
  EXPECT_EQ(queued[0].text("body").find("ถนนชำรุด"), std::string::npos) << "never what the citizen wrote";

  api.script({500});  // LINE is down once
  outbox().deliver(Outbox::by_messengers(f->app->host()));
  EXPECT_FALSE(rows("channel = 'line'")[0].opt_integer("sent_at"));
  f->clock->advance(61);
  outbox().deliver(Outbox::by_messengers(f->app->host()));
  EXPECT_TRUE(rows("channel = 'line'")[0].opt_integer("sent_at"));
  auto sent = pushes();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0][0], "Uofficer");
  EXPECT_FALSE(sent[0][2].empty());
  EXPECT_EQ(sent[0][2], sent[1][2]) << "a retry carries the same X-Line-Retry-Key";
  EXPECT_EQ(api.requests().back().headers.at("authorization"), std::string("Bearer ") + kToken);

  // Blocking the account unlinks the staff member.
  ASSERT_TRUE(call(json::array({event("unfollow", "Uofficer")})));
  EXPECT_FALSE(line().linked_at(f->agency_id, officer.user_id));
}

TEST_F(LineTest, ASealedArrivalIsToldTheNextMorningAsACountAndNothingElse) {
  ASSERT_TRUE(line().set_channel(admin, kSecret, kToken));
  link("integrity@example.org", "Uintegrity");
  f->clock->set(calendar::start_of_day(calendar::local_date(f->clock->now())) + 10 * 3600);
  f->complaint(cases::Channel::corruption);
  mailer().queue_alerts();
  EXPECT_TRUE(rows("to_addr = 'Uintegrity'").empty()) << "not the day it came";
  f->clock->advance(20 * 3600);  // 06:00 the next day
  mailer().queue_alerts();
  EXPECT_TRUE(rows("to_addr = 'Uintegrity'").empty()) << "not before 07:00";
  f->clock->advance(2 * 3600);
  EXPECT_GE(mailer().queue_alerts(), 1);
  auto told = rows("to_addr = 'Uintegrity'");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].text("body"), "มีเรื่องร้องเรียนการทุจริตใหม่ 1 เรื่อง\n");
  EXPECT_EQ(told[0].text("subject"), "มีเรื่องร้องเรียนการทุจริตใหม่ 1 เรื่อง");
  auto mail = rows("to_addr = 'integrity@example.org' AND kind = 'alert'");
  ASSERT_EQ(mail.size(), 1u);
  EXPECT_EQ(mail[0].text("body"), told[0].text("body")) << "by e-mail: the same, and nothing else";
  f->clock->advance(3600);
  EXPECT_EQ(mailer().queue_alerts(), 0) << "once";
}

TEST_F(LineTest, ACitizenWhoAskedIsToldOncePerChangeAndTheOutboxForgetsThem) {
  // A general complaint, to be told by e-mail.
  cases::Submission s;
  s.channel = cases::Channel::complaint;
  s.content.subject = "ไฟถนนดับ";
  s.content.details = "ไฟถนนหน้าวัดดับมาสามคืน";
  s.content.notify = "mail";
  EXPECT_EQ(cases().submit(f->agency_id, s, store::Actor::citizen()).error().field, "email") << "no address";
  s.content.email = "somchai@example.com";
  auto receipt = cases().submit(f->agency_id, s, store::Actor::citizen());
  ASSERT_TRUE(receipt) << receipt.error().detail << " " << receipt.error().message_key;
  http::Principal officer = f->principal("complaints@example.org");
  ASSERT_TRUE(cases().move(officer, receipt->case_id, cases::Status::reviewing, "", ""));
  ASSERT_TRUE(cases().move(officer, receipt->case_id, cases::Status::resolved, "ซ่อมแล้ว", ""));
  auto told = rows("kind = 'citizen'");
  ASSERT_EQ(told.size(), 2u) << "once per change";
  EXPECT_EQ(told[0].text("to_addr"), "somchai@example.com");
  EXPECT_NE(told[1].text("body").find("ดำเนินการแล้วเสร็จ"), std::string::npos) << told[1].text("body");
  EXPECT_NE(told[1].text("body").find("https://www.namom.go.th/track"), std::string::npos);
  for (const auto& r : told) {
    EXPECT_EQ(r.text("body").find(receipt->code), std::string::npos) << "never the code";
    EXPECT_EQ(r.text("body").find("ไฟถนน"), std::string::npos) << "never what was written";
  }
  testing::SmtpSink smtp;
  mail::SmtpTransport transport({smtp.url(), false, "", "", "Prongsai <noreply@namom.go.th>", 5});
  outbox().deliver(Outbox::by_mail(transport));
  EXPECT_EQ(smtp.messages().size(), 2u);
  for (const auto& r : rows("kind = 'citizen'")) {
    EXPECT_TRUE(r.opt_integer("sent_at"));
    EXPECT_EQ(r.text("to_addr"), "") << "sent: nothing left of whom it went to";
    EXPECT_EQ(r.text("body"), "");
  }

  // A sealed case: its address sealed with it, its message saying only that something moved.
  cases::Submission sealed;
  sealed.channel = cases::Channel::corruption;
  sealed.content.subject = "เรียกรับเงิน";
  sealed.content.details = "เจ้าหน้าที่เรียกเงินค่าตรวจแบบ";
  sealed.content.email = "witness@example.com";
  sealed.content.notify = "line";
  sealed.content.line_user = "Uwitness";
  EXPECT_EQ(cases().submit(f->agency_id, sealed, store::Actor::citizen()).error().field, "notify")
      << "never LINE in the sealed channel";
  sealed.content.notify = "mail";
  sealed.content.line_user.clear();
  auto sealed_receipt = cases().submit(f->agency_id, sealed, store::Actor::citizen());
  ASSERT_TRUE(sealed_receipt);
  EXPECT_TRUE(f->app->store().read([](store::ReadTx& tx) {
    return tx.query("SELECT id FROM cases WHERE content LIKE '%witness@example.com%'").empty();
  })) << "the address is sealed with the case";
  auto s2 =
      f->app->get<accounts::Service>().login(f->agency_id, "integrity@example.org", f->password, "127.0.0.1", "test");
  ASSERT_TRUE(s2);
  http::Principal integrity = *f->app->get<accounts::Service>().resolve(s2->token, f->agency_id);
  ASSERT_TRUE(cases().unlock(integrity, f->password, s2->token));
  ASSERT_TRUE(cases().move(integrity, sealed_receipt->case_id, cases::Status::reviewing, "รับไว้แล้ว", s2->token));
  auto witness = rows("to_addr = 'witness@example.com'");
  ASSERT_EQ(witness.size(), 1u);
  EXPECT_EQ(witness[0].text("subject"), "มีความเคลื่อนไหวในเรื่องที่ท่านแจ้ง");
  for (const char* word : {"ทุจริต", "อยู่ระหว่างพิจารณา", "รับไว้แล้ว", "เรียกรับเงิน"})
    EXPECT_EQ(witness[0].text("body").find(word), std::string::npos) << word;
  EXPECT_EQ(rows("kind = 'citizen' AND dedupe_key NOT LIKE 'citizen:%'").size(), 0u)
      << "no citizen's row names its case: only a hash of its key is kept";
}

TEST_F(LineTest, ACitizenFromTheChatGetsTheCodeBackThereAndTheAnswerWhenItComes) {
  ASSERT_TRUE(line().set_channel(admin, kSecret, kToken));
  qa::Questions& qa = f->app->get<qa::Questions>();
  auto code = qa.ask(f->agency_id, "", "เก็บขยะวันไหนบ้างครับ", {"line", "Uasker"});
  ASSERT_TRUE(code);
  auto receipt = rows("to_addr = 'Uasker'");
  ASSERT_EQ(receipt.size(), 1u);
  EXPECT_NE(receipt[0].text("body").find(*code), std::string::npos) << "the code, back in the chat";
  outbox().deliver(Outbox::by_messengers(f->app->host()));
  ASSERT_EQ(pushes().size(), 1u);
  EXPECT_EQ(pushes()[0][0], "Uasker");
  EXPECT_EQ(rows("kind = 'citizen'")[0].text("body"), "") << "the code is gone from the outbox once LINE took it";

  // Answered in public: one message, then the address is forgotten.
  std::int64_t id = qa.waiting(f->agency_id).back().first;
  ASSERT_TRUE(qa.answer(f->principal("complaints@example.org"), id, "ทุกวันอังคารและวันศุกร์"));
  auto answered = rows("to_addr = 'Uasker' AND sent_at IS NULL");
  ASSERT_EQ(answered.size(), 1u);
  EXPECT_NE(answered[0].text("body").find("https://www.namom.go.th/qa/" + std::to_string(id)), std::string::npos);
  EXPECT_EQ(f->app->store().read([&](store::ReadTx& tx) {
    return tx.query_one("SELECT notify_to FROM qa_questions WHERE id = ?", {id})->text("notify_to");
  }),
            "");
  // A staff member who was not asked to be told by e-mail cannot be made to: mail needs an address.
  EXPECT_EQ(qa.ask(f->agency_id, "", "ถามอีกข้อ", {"mail", "not an address"}).error().field, "email");
}

}  // namespace
}  // namespace prongsai::line
