// The deadline calendar on both backends: working days across the fiscal-year boundary with a
// holiday, who sees which deadline, OIT periods and the year's collection day from the
// framework data, stable uids; the iCal text rules; secret feeds made, read and revoked.
#include <gtest/gtest.h>

#include <set>

#include "modules/qa/qa.hpp"
#include "modules/reminders/deadlines.hpp"
#include "modules/reminders/feeds.hpp"
#include "modules/reminders/ical.hpp"
#include "modules/reminders/mailer.hpp"
#include "modules/reminders/outbox.hpp"
#include "testing/smtp_sink.hpp"
#include "testing/testing.hpp"

namespace prongsai::reminders {
namespace {

constexpr std::int64_t kThursday28Sep2023 = 1'695'870'000;   // 10:00 in Thailand, FY2566
constexpr std::int64_t kWednesday15Nov2023 = 1'700'000'000;  // FY2567

struct RemindersTest : ::testing::Test {
  void SetUp() override {
    // A mail server (nothing listens: queueing needs one set up, sending is each test's own).
    f = testing::Fixture::make({}, [](app::Options& o) {
      o.mail.url = "smtp://127.0.0.1:9";
      o.mail.from = "Prongsai <noreply@namom.go.th>";
    });
    admin = f->principal("admin@example.org");
    for (const auto& u : f->app->get<accounts::Service>().units(f->agency_id)) unit[u.name_th] = u.id;
  }
  Calendar& calendar() { return f->app->get<reminders::Calendar>(); }
  Scope as(const std::string& email) {
    http::Principal p = f->principal(email);
    return scope_of(p, f->app->get<accounts::Service>().user(f->agency_id, p.user_id)->unit_ids);
  }
  std::vector<Deadline> build(int year, const Scope& s = Scope{}) {
    return calendar().build(f->agency_id, calendar::FiscalYear(year), Lang::th, s);
  }
  static const Deadline* find(const std::vector<Deadline>& all, const std::string& uid) {
    for (const Deadline& d : all)
      if (d.uid == uid) return &d;
    return nullptr;
  }
  std::unique_ptr<testing::Fixture> f;
  http::Principal admin;
  std::map<std::string, std::int64_t> unit;
};

TEST_F(RemindersTest, WorkingDaysCarryAComplaintAcrossTheFiscalYearBoundaryPastAHoliday) {
  ASSERT_TRUE(calendar().set_settings(admin, "3", "1", "3"));
  ASSERT_TRUE(f->app->get<services::Holidays>().add(admin, "2023-10-02", "วันหยุดชดเชย (ทดสอบ)"));
  f->clock->set(kThursday28Sep2023);
  std::int64_t id = f->complaint();
  ASSERT_TRUE(f->app->get<qa::Questions>().ask(f->agency_id, "", "ขอทราบกำหนดการฉีดวัคซีนสุนัข"));
  f->clock->set(kWednesday15Nov2023);

  auto fy2567 = build(2567);
  const Deadline* c = find(fy2567, "case-" + std::to_string(id));
  ASSERT_TRUE(c);
  // Friday 29 (1), Monday 2 October a holiday, Tuesday 3 (2), Wednesday 4 (3).
  EXPECT_EQ(calendar::iso(c->due), "2023-10-04");
  EXPECT_EQ(c->state, State::overdue);
  EXPECT_EQ(c->source, "complaint");
  EXPECT_EQ(c->title.find("ถนนชำรุด"), std::string::npos) << "never what the citizen wrote";
  auto question = std::find_if(fy2567.begin(), fy2567.end(), [](const Deadline& d) { return d.source == "question"; });
  ASSERT_NE(question, fy2567.end());
  EXPECT_EQ(calendar::iso(question->due), "2023-09-29") << "one working day; still waiting, so on this year's calendar";

  auto fy2566 = build(2566);
  EXPECT_FALSE(find(fy2566, "case-" + std::to_string(id))) << "due in FY2567";
  EXPECT_TRUE(std::any_of(fy2566.begin(), fy2566.end(), [](const Deadline& d) { return d.source == "question"; }));
  auto fy2565 = build(2565);
  EXPECT_TRUE(std::none_of(fy2565.begin(), fy2565.end(),
                           [](const Deadline& d) { return d.source == "question" || d.source == "complaint"; }));

  // Answered, the question leaves the calendar.
  for (const auto& [qid, at] : f->app->get<qa::Questions>().waiting(f->agency_id))
    ASSERT_TRUE(f->app->get<qa::Questions>().answer(admin, qid, "เดือนมีนาคม ที่ศาลาหมู่บ้าน"));
  auto after = build(2567);
  EXPECT_TRUE(std::none_of(after.begin(), after.end(), [](const Deadline& d) { return d.source == "question"; }));
}

TEST_F(RemindersTest, EachSeesTheirOwnDeadlines) {
  measures::IssueDraft d;
  d.item_code = "O12";
  d.steps = "รายงานผลทุกไตรมาส";
  d.cadence = "quarterly";
  d.unit_ids = {std::to_string(unit["กองคลัง"])};
  auto issue = f->app->get<measures::Service>().save_issue(admin, 2567, std::nullopt, d);
  ASSERT_TRUE(issue);
  f->clock->set(kThursday28Sep2023);
  std::int64_t general = f->complaint();
  f->clock->set(kWednesday15Nov2023);
  auto survey = f->app->get<surveys::Service>().create(
      admin, {"satisfaction", "2566", "ความพึงพอใจ", "บริการรวดเร็ว", "2023-11-01", "2023-11-30", "50"});
  ASSERT_TRUE(survey);

  auto everything = build(2567);
  std::size_t reports = 0;
  for (const Deadline& x : everything) {
    EXPECT_TRUE(calendar::FiscalYear(2567).period().contains(x.due) || x.state == State::overdue) << x.uid;
    if (x.source == "plan_report") {
      ++reports;
      EXPECT_EQ(x.unit_ids, std::vector<std::int64_t>{unit["กองคลัง"]});
      EXPECT_TRUE(x.uid.starts_with("report-" + std::to_string(*issue) + "-")) << x.uid;
    }
  }
  EXPECT_EQ(reports, 4u) << "quarterly";
  const Deadline* closing = find(everything, "survey-" + std::to_string(*survey));
  ASSERT_TRUE(closing);
  EXPECT_EQ(calendar::iso(closing->due), "2023-11-30");
  EXPECT_EQ(closing->state, State::upcoming);

  auto count = [](const std::vector<Deadline>& all, std::string_view s) {
    return std::count_if(all.begin(), all.end(), [&](const Deadline& d) { return d.source == s; });
  };
  auto finance = build(2567, as("staff@example.org"));  // กองคลัง
  EXPECT_EQ(count(finance, "plan_report"), 4);
  EXPECT_EQ(count(finance, "complaint"), 0);
  EXPECT_EQ(count(finance, "survey"), 0);
  auto works = build(2567, as("works@example.org"));  // กองช่าง
  EXPECT_EQ(count(works, "plan_report"), 0);
  auto officer = build(2567, as("complaints@example.org"));
  EXPECT_TRUE(find(officer, "case-" + std::to_string(general)));
  EXPECT_EQ(count(build(2567, as("executive@example.org")), "survey"), 1);
  Scope finance_unit;
  finance_unit.kind = Scope::Kind::unit;
  finance_unit.unit_id = unit["กองคลัง"];
  EXPECT_EQ(count(build(2567, finance_unit), "plan_report"), 4);
  EXPECT_EQ(count(build(2567, finance_unit), "complaint"), 0);

  // The same deadlines, the same uids.
  std::set<std::string> first, second;
  for (const Deadline& x : everything) first.insert(x.uid);
  for (const Deadline& x : build(2567)) second.insert(x.uid);
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.size(), everything.size()) << "uids are unique";
}

TEST_F(RemindersTest, LastYearsPlanReportsThatFallInThisYearAreOnItsCalendar) {
  measures::IssueDraft d;
  d.item_code = "O12";
  d.steps = "รายงานผลรอบหกเดือน";
  d.cadence = "half_yearly";
  d.months = {"4", "10"};  // "ภายในเดือนเมษายน และเดือนตุลาคม", as the seed has it
  d.unit_ids = {std::to_string(unit["กองคลัง"])};
  auto issue = f->app->get<measures::Service>().save_issue(admin, 2566, std::nullopt, d);
  ASSERT_TRUE(issue);
  auto in = [&](int year) {
    std::vector<std::string> days;
    for (const Deadline& x : build(year))
      if (x.uid.starts_with("report-" + std::to_string(*issue) + "-"))
        days.push_back(calendar::iso(x.due).substr(0, 7));
    return days;
  };
  auto fy2566 = in(2566);
  auto fy2567 = in(2567);
  EXPECT_NE(std::find(fy2566.begin(), fy2566.end(), "2023-04"), fy2566.end());
  EXPECT_NE(std::find(fy2567.begin(), fy2567.end(), "2023-10"), fy2567.end()) << "October 2023 is in FY2567";
  EXPECT_EQ(std::find(fy2567.begin(), fy2567.end(), "2023-04"), fy2567.end()) << "April 2023 is not";
}

TEST_F(RemindersTest, OitEvidenceIsDueByPeriodAndYearlyItemsByTheCollectionsLastDay) {
  auto fy2566 = build(2566);
  std::size_t oit = 0;
  const Deadline* yearly = nullptr;
  const Deadline* monthly = nullptr;
  for (const Deadline& d : fy2566) {
    if (d.source != "oit") continue;
    ++oit;
    if (d.uid == "oit-2566-O1") yearly = &d;
    if (!monthly && d.uid.ends_with("-2022-10")) monthly = &d;
  }
  EXPECT_GT(oit, 43u) << "every item, monthly ones month by month";
  ASSERT_TRUE(yearly);
  EXPECT_EQ(calendar::iso(yearly->due), "2023-04-30") << "the framework's OIT collection closes";
  EXPECT_EQ(yearly->state, State::overdue);
  ASSERT_TRUE(monthly) << "a monthly item's October";
  EXPECT_EQ(calendar::iso(monthly->due), "2022-10-31");
}

TEST_F(RemindersTest, TargetsAreWholeWorkingDaysSetByTheAdmin) {
  EXPECT_EQ(calendar().settings(f->agency_id).complaint_days, 15);
  EXPECT_EQ(calendar().set_settings(admin, "0", "5", "3").error().field, "complaint_days");
  EXPECT_EQ(calendar().set_settings(admin, "15", "61", "3").error().field, "question_days");
  EXPECT_EQ(calendar().set_settings(admin, "x", "5", "3").error().field, "complaint_days");
  EXPECT_EQ(calendar().set_settings(admin, "15", "5", "31").error().field, "days_before");
  EXPECT_EQ(calendar().set_settings(f->principal("staff@example.org"), "10", "5", "3").error().kind,
            ErrorKind::forbidden);
  ASSERT_TRUE(calendar().set_settings(admin, " 10 ", "2", "7"));
  EXPECT_EQ(calendar().settings(f->agency_id).days_before, 7);
  EXPECT_EQ(calendar().settings(f->agency_id).complaint_days, 10);
  EXPECT_EQ(calendar().settings(f->agency_id).question_days, 2);
}

TEST(MailQueue, RunsOnTheHourFromSevenInTheMorningThailandTime) {
  // 2026-11-25 00:00 UTC is 07:00 in Thailand.
  constexpr std::int64_t kSevenAm = 1'795'564'800;
  EXPECT_TRUE(Mailer::queue_hours(kSevenAm));
  EXPECT_FALSE(Mailer::queue_hours(kSevenAm - 1));
  EXPECT_TRUE(Mailer::queue_hours(kSevenAm + 17 * 3600 - 1));  // 23:59:59
  EXPECT_FALSE(Mailer::queue_hours(kSevenAm + 17 * 3600));     // midnight
  EXPECT_EQ(Mailer::next_queue_run(kSevenAm + 1234), kSevenAm + 3600);
  EXPECT_EQ(Mailer::next_queue_run(kSevenAm + 16 * 3600 + 5), kSevenAm + 24 * 3600);  // 23:00 → 07:00 tomorrow
  EXPECT_EQ(Mailer::next_queue_run(kSevenAm - 3 * 3600), kSevenAm);                   // 04:00 → 07:00
}

TEST(Ical, TextIsEscapedAndLinesFoldedWithoutSplittingACharacter) {
  EXPECT_EQ(ical_escape("a,b;c\\d\ne\r"), "a\\,b\\;c\\\\d\\ne");
  std::string thai = "SUMMARY:";
  for (int i = 0; i < 40; ++i) thai += "ก";  // 3 octets each
  std::string folded = ical_fold(thai);
  std::size_t start = 0;
  std::string joined;
  while (start < folded.size()) {
    std::size_t end = folded.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    std::string line = folded.substr(start, end - start);
    EXPECT_LE(line.size(), 75u);
    joined += start == 0 ? line : line.substr(1);
    if (start != 0) {
      EXPECT_EQ(line[0], ' ');
    }
    start = end + 2;
  }
  EXPECT_EQ(joined, thai);
  EXPECT_EQ(ical_fold("VERSION:2.0"), "VERSION:2.0\r\n");

  Deadline d{"case-7",
             "complaint",
             calendar::make_date(2023, 12, 31),
             State::upcoming,
             "แจ้งผล, เรื่อง #7",
             "/complaints/cases/7",
             {}};
  std::string ics = to_ical({d}, {"ปฏิทิน", "https://namom.go.th", "namom.go.th", 1'700'000'000, Lang::th});
  EXPECT_TRUE(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  EXPECT_NE(ics.find("UID:case-7@namom.go.th\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20231231\r\nDTEND;VALUE=DATE:20240101\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTAMP:20231114T221320Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:แจ้งผล\\, เรื่อง #7\r\n"), std::string::npos);
  EXPECT_TRUE(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
}

TEST_F(RemindersTest, FeedsAreMadeWithinTheMakersRightsReadBySecretAndRevoked) {
  Feeds& feeds = f->app->get<reminders::Feeds>();
  http::Principal staff = f->principal("staff@example.org");  // กองคลัง
  EXPECT_EQ(feeds.create(staff, "agency", "", "").error().kind, ErrorKind::forbidden);
  EXPECT_EQ(feeds.create(staff, "unit", std::to_string(unit["กองช่าง"]), "").error().kind, ErrorKind::forbidden);
  EXPECT_EQ(feeds.create(staff, "everyone", "", "").error().field, "scope");
  auto mine = feeds.create(staff, "user", "", "โทรศัพท์");
  auto theirs = feeds.create(staff, "unit", std::to_string(unit["กองคลัง"]), "");
  ASSERT_TRUE(mine && theirs);
  EXPECT_NE(*mine, *theirs);
  auto read = feeds.resolve(f->agency_id, *mine);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->second.kind, Scope::Kind::user);
  EXPECT_EQ(read->second.unit_ids, std::vector<std::int64_t>{unit["กองคลัง"]});
  EXPECT_FALSE(feeds.resolve(f->agency_id, *mine + "x"));
  EXPECT_FALSE(feeds.resolve(f->agency_id + 1, *mine)) << "another agency's address";
  auto stored =
      f->app->store().read([](store::ReadTx& tx) { return tx.query("SELECT token_hash FROM calendar_feeds"); });
  for (const auto& r : stored) EXPECT_NE(r.text("token_hash"), *mine) << "only the hash is kept";

  auto list = feeds.mine(staff);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(feeds.revoke(f->principal("works@example.org"), list[1].id).error().kind, ErrorKind::not_found);
  ASSERT_TRUE(feeds.revoke(staff, list[1].id));
  EXPECT_FALSE(feeds.resolve(f->agency_id, *mine)) << "revoked";
  EXPECT_TRUE(feeds.resolve(f->agency_id, *theirs));
  EXPECT_EQ(feeds.mine(staff).size(), 1u);
  EXPECT_EQ(feeds.revoke(staff, list[1].id).error().kind, ErrorKind::not_found) << "once";
}

// A transport that fails every time: for the backoff and giving up.
struct Down final : mail::Transport {
  int calls = 0;
  Result<void> send(const mail::Message&) override {
    ++calls;
    return fail(Error::internal("Connection refused"));
  }
};

TEST_F(RemindersTest, TheOutboxDeliversToTheSinkRetriesWhileItIsDownAndSendsNothingTwice) {
  testing::SmtpSink sink;
  mail::SmtpTransport smtp({sink.url(), false, "", "", "Prongsai <noreply@namom.go.th>", 5});
  Outbox& outbox = f->app->get<reminders::Outbox>();
  auto queue = [&](const std::string& key) {
    return f->app->store().bookkeeping([&](store::BookkeepingTx& tx) {
      return Outbox::enqueue(tx, f->agency_id, key, "reminder",
                             {"staff@example.org", "แจ้งเตือนกำหนดการ", "รายงานความก้าวหน้า O12"}, f->clock->now());
    });
  };
  ASSERT_TRUE(queue("k1"));
  EXPECT_FALSE(queue("k1")) << "one message per key";

  sink.close();  // the mail server is down
  Delivery first = outbox.deliver(Outbox::by_mail(smtp));
  EXPECT_EQ(first.sent, 0);
  EXPECT_EQ(first.failed, 1);
  auto log = outbox.recent(f->agency_id);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].attempts, 1);
  EXPECT_EQ(log[0].next_attempt_at, f->clock->now() + 60);
  EXPECT_FALSE(log[0].last_error.empty());
  EXPECT_EQ(outbox.deliver(Outbox::by_mail(smtp)).failed, 0) << "not before its time";

  sink.reopen();
  f->clock->advance(61);
  EXPECT_EQ(outbox.deliver(Outbox::by_mail(smtp)).sent, 1);
  EXPECT_EQ(outbox.deliver(Outbox::by_mail(smtp)).sent, 0);
  f->clock->advance(86400);
  EXPECT_EQ(outbox.deliver(Outbox::by_mail(smtp)).sent, 0);
  EXPECT_EQ(sink.messages().size(), 1u) << "sent once";
  EXPECT_TRUE(outbox.recent(f->agency_id)[0].sent_at);

  // A server that never comes back: retried with growing waits, then given up.
  ASSERT_TRUE(queue("k2"));
  Down down;
  int given_up = 0;
  for (int i = 0; i < 20; ++i) {
    given_up += outbox.deliver(Outbox::by_mail(down)).given_up;
    f->clock->advance(Outbox::backoff(kMaxAttempts));
  }
  EXPECT_EQ(down.calls, kMaxAttempts);
  EXPECT_EQ(given_up, 1);
  EXPECT_TRUE(outbox.recent(f->agency_id)[0].given_up_at);
  EXPECT_EQ(Outbox::backoff(1), 60);
  EXPECT_EQ(Outbox::backoff(4), 3600);
}

TEST_F(RemindersTest, RemindersGoToTheResponsibleOnceEachAsChosen) {
  ASSERT_TRUE(calendar().set_settings(admin, "15", "5", "3"));
  measures::IssueDraft d;
  d.item_code = "O12";
  d.steps = "รายงานผลทุกไตรมาส";
  d.cadence = "quarterly";
  d.unit_ids = {std::to_string(unit["กองคลัง"])};
  auto issue = f->app->get<measures::Service>().save_issue(admin, 2567, std::nullopt, d);
  ASSERT_TRUE(issue);
  auto s = f->app->get<measures::Service>().schedule(f->agency_id, *issue);
  ASSERT_TRUE(s && !s->due.empty());
  calendar::Date due = s->due.front();  // the first quarter's report
  // Corruption complaints: the officer is told a number and a day, not what was written.
  f->clock->set(calendar::start_of_day(calendar::add_days(due, -40)) + 9 * 3600);  // overdue by due - 3
  f->open_corruption_channel();
  f->complaint(cases::Channel::corruption);

  Mailer& mailer = f->app->get<reminders::Mailer>();
  auto bodies_to = [&](const std::string& email) {
    return f->app->store().read([&](store::ReadTx& tx) {
      std::vector<std::string> out;
      for (const auto& r : tx.query("SELECT body FROM mail_outbox WHERE to_addr = ? ORDER BY id", {email}))
        out.push_back(r.text("body"));
      return out;
    });
  };
  auto told = [&](const std::string& email, const std::string& what) {
    auto all = bodies_to(email);
    return std::count_if(all.begin(), all.end(),
                         [&](const std::string& b) { return b.find(what) != std::string::npos; });
  };

  // Three days ahead: กองคลัง's staff hear "before"; works@ (กองช่าง) nothing of it.
  f->clock->set(calendar::start_of_day(calendar::add_days(due, -3)) + 8 * 3600);
  EXPECT_GE(mailer.queue_reminders(f->agency_id), 1);
  EXPECT_EQ(told("staff@example.org", "/measures/issues/" + std::to_string(*issue) + "/due/"), 1);
  EXPECT_EQ(told("works@example.org", "/measures/issues/" + std::to_string(*issue) + "/due/"), 0);
  EXPECT_EQ(mailer.queue_reminders(f->agency_id), 0) << "nothing new: nothing sent";
  auto corruption = bodies_to("integrity@example.org");
  ASSERT_FALSE(corruption.empty());
  EXPECT_EQ(corruption.back().find("ถนนชำรุด"), std::string::npos);
  EXPECT_EQ(corruption.back().find("หลุมลึก"), std::string::npos);

  // The day before: "due tomorrow", said again.
  f->clock->set(calendar::start_of_day(calendar::add_days(due, -1)) + 8 * 3600);
  mailer.queue_reminders(f->agency_id);
  auto bodies = bodies_to("staff@example.org");
  EXPECT_NE(bodies.back().find("รายการที่ครบกำหนดพรุ่งนี้"), std::string::npos) << bodies.back();
  const std::string report = "/measures/issues/" + std::to_string(*issue) + "/due/";
  EXPECT_EQ(told("staff@example.org", report), 2);

  // On the day, and once past it; the staff member turns "on the day" off first.
  http::Principal staff = f->principal("staff@example.org");
  ASSERT_TRUE(mailer.set_preferences(staff, {true, false, true, true}));
  EXPECT_FALSE(mailer.preferences(f->agency_id, staff.user_id).on_day);
  f->clock->set(calendar::start_of_day(due) + 8 * 3600);
  mailer.queue_reminders(f->agency_id);
  EXPECT_EQ(told("staff@example.org", report), 2) << "chose not to";
  f->clock->set(calendar::start_of_day(calendar::add_days(due, 1)) + 8 * 3600);
  mailer.queue_reminders(f->agency_id);
  EXPECT_EQ(told("staff@example.org", report), 3) << "overdue";
  f->clock->advance(3600);
  mailer.queue_reminders(f->agency_id);
  EXPECT_EQ(told("staff@example.org", report), 3) << "once";

  // The executives' digest: once a week.
  EXPECT_EQ(mailer.queue_digests(f->agency_id), 1);
  EXPECT_EQ(mailer.queue_digests(f->agency_id), 0);
  auto digest = bodies_to("executive@example.org");
  ASSERT_EQ(digest.size(), 1u);
  EXPECT_NE(digest[0].find("รายงานตามแผนมาตรการ: เลยกำหนด 1"), std::string::npos) << digest[0];
  f->clock->advance(7 * 86400);
  EXPECT_EQ(mailer.queue_digests(f->agency_id), 1);
}

}  // namespace
}  // namespace prongsai::reminders
