// The link checker on both backends, with the requests played by a table: what each answer
// makes of a link, since when a failure counts, a redirect within the site followed and one
// away from it not, a changed page noticed, a missing file found, the budget kept; and what the
// registry, the calendar and the item's readiness make of it.
#include "modules/disclosure/links.hpp"

#include <gtest/gtest.h>

#include "modules/disclosure/disclosure.hpp"
#include "modules/reminders/deadlines.hpp"
#include "testing/testing.hpp"

namespace prongsai::disclosure {
namespace {

using calendar::make_date;

TEST(LinkJudge, AnswersMakeOkBrokenMovedOrChanged) {
  EXPECT_EQ(judge({200, "", "aa", ""}, std::nullopt), LinkState::ok);
  EXPECT_EQ(judge({200, "", "aa", ""}, std::string("aa")), LinkState::ok);
  EXPECT_EQ(judge({200, "", "bb", ""}, std::string("aa")), LinkState::changed);
  EXPECT_EQ(judge({404, "", "", ""}, std::nullopt), LinkState::broken);
  EXPECT_EQ(judge({503, "", "", ""}, std::nullopt), LinkState::broken);
  EXPECT_EQ(judge({0, "", "", "timeout"}, std::nullopt), LinkState::broken);
  EXPECT_EQ(judge({302, "https://elsewhere.example/", "", ""}, std::nullopt), LinkState::moved);
}

struct LinkCheckerTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make();
    admin = f->principal("admin@example.org");
  }
  Service& svc() { return f->app->get<Service>(); }
  void link(const std::string& code, const std::string& url) {
    auto id =
        svc().add_evidence(admin, 2566, code, {"link", "หลักฐาน " + code, "", url, "", "2022-10-05", std::nullopt});
    ASSERT_TRUE(id) << code << " " << id.error().detail;
  }
  LinkRun run(std::int64_t now, std::size_t max_requests = 300) {
    LinkOptions o;
    o.max_requests = max_requests;
    LinkChecker checker(f->app->store(), o, [this](const std::string& url) {
      ++asked[url];
      auto it = answers.find(url);
      return it == answers.end() ? Probe{0, "", "", "could not resolve host"} : it->second;
    });
    return checker.run(now);
  }
  const Evidence* entry(const Registry& r, const std::string& code) {
    const ItemState* s = r.find(code);
    return s && !s->slots.empty() && !s->slots[0].entries.empty() ? &s->slots[0].entries[0] : nullptr;
  }
  std::unique_ptr<testing::Fixture> f;
  http::Principal admin;
  std::map<std::string, Probe> answers;
  std::map<std::string, int> asked;
};

TEST_F(LinkCheckerTest, AFailingLinkIsNoEvidenceFromTheDayItFailedUntilItWorksAgain) {
  const auto today = make_date(2023, 1, 15);
  link("O1", "https://www.example.go.th/structure.pdf");
  link("O2", "https://www.example.go.th/old-executives");
  link("O3", "https://www.example.go.th/moved");
  link("O6", "https://www.example.go.th/laws");
  answers["https://www.example.go.th/structure.pdf"] = {200, "", "aa", ""};
  answers["https://www.example.go.th/old-executives"] = {404, "", "", ""};
  // Within the site, followed; away from it, moved.
  answers["https://www.example.go.th/moved"] = {301, "https://www.example.go.th/new", "", ""};
  answers["https://www.example.go.th/new"] = {302, "https://parked.example.com/", "", ""};
  answers["https://www.example.go.th/laws"] = {200, "", "11", ""};

  const std::int64_t first = calendar::start_of_day(make_date(2023, 1, 10)) + 3 * 3600;
  LinkRun r = run(first);
  EXPECT_EQ(r.links, 4u);
  EXPECT_EQ(r.failing, 2u);
  EXPECT_EQ(asked["https://www.example.go.th/new"], 1) << "a redirect within the site is followed";

  Registry reg = *svc().registry(f->agency_id, 2566, today, Lang::th);
  EXPECT_EQ(entry(reg, "O1")->link->state, LinkState::ok);
  EXPECT_EQ(reg.find("O1")->readiness.status, Status::ready);
  EXPECT_EQ(entry(reg, "O2")->link->state, LinkState::broken);
  EXPECT_EQ(entry(reg, "O2")->link->detail, "HTTP 404");
  const ItemState* o2 = reg.find("O2");
  EXPECT_EQ(o2->readiness.status, Status::stale);
  EXPECT_NE(o2->readiness.reason.find("ใช้ไม่ได้ตั้งแต่ 10 ม.ค. 2566"), std::string::npos) << o2->readiness.reason;
  EXPECT_EQ(entry(reg, "O3")->link->state, LinkState::moved);
  EXPECT_EQ(entry(reg, "O3")->link->detail, "redirect to parked.example.com");
  EXPECT_EQ(reg.find("O3")->readiness.status, Status::stale);

  // The calendar has the broken link as a deadline due the day it failed.
  auto& calendar = f->app->get<reminders::Calendar>();
  auto all = calendar.build(f->agency_id, calendar::FiscalYear(2566), Lang::th, reminders::Scope{});
  auto found =
      std::find_if(all.begin(), all.end(), [](const web::Deadline& d) { return d.uid.starts_with("oit-link-"); });
  ASSERT_NE(found, all.end());
  EXPECT_EQ(found->due, make_date(2023, 1, 10));
  EXPECT_NE(found->title.find("O2"), std::string::npos) << found->title;

  // A day later: still failing since the first day; the page of O6 changed; O2 works again.
  answers["https://www.example.go.th/laws"] = {200, "", "22", ""};
  answers["https://www.example.go.th/old-executives"] = {200, "", "cc", ""};
  run(first + 86400);
  reg = *svc().registry(f->agency_id, 2566, today, Lang::th);
  EXPECT_EQ(entry(reg, "O3")->link->failing_since, first) << "since the first failure, not the latest";
  EXPECT_EQ(entry(reg, "O6")->link->state, LinkState::changed);
  EXPECT_EQ(reg.find("O6")->readiness.status, Status::ready) << "a changed page is noted, not held against it";
  EXPECT_EQ(entry(reg, "O2")->link->state, LinkState::ok);
  EXPECT_FALSE(entry(reg, "O2")->link->failing_since);
  EXPECT_EQ(reg.find("O2")->readiness.status, Status::ready);
}

TEST_F(LinkCheckerTest, FilesAreLookedForInTheStoreAndTheBudgetIsKept) {
  ASSERT_TRUE(svc().add_evidence(
      admin, 2566, "O1",
      {"file", "", "", "", "", "2022-10-05", files::Upload{"a.pdf", "%PDF-1.4 a"}, std::nullopt, true}));
  for (const char* code : {"O2", "O3", "O5"}) link(code, std::string("https://www.example.go.th/") + code);
  LinkRun r = run(calendar::start_of_day(make_date(2023, 1, 10)), 2);
  EXPECT_EQ(r.files, 1u);
  EXPECT_EQ(r.links, 2u);
  EXPECT_TRUE(r.stopped_early);
  // The file's bytes gone (a damaged store): the file is no evidence.
  f->app->store().write(store::Actor::system(), [](store::WriteTx& tx) -> Result<void> {
    tx.record(store::Change{1, "test", "1", "damage", nullptr, nullptr});
    tx.also("DELETE FROM file_blobs");
    return ok();
  });
  r = run(calendar::start_of_day(make_date(2023, 1, 11)), 2);
  EXPECT_EQ(r.links, 2u) << "the one left out last time goes first";
  Registry reg = *svc().registry(f->agency_id, 2566, make_date(2023, 1, 15), Lang::th);
  EXPECT_EQ(entry(reg, "O1")->link->state, LinkState::broken);
  EXPECT_EQ(reg.find("O1")->readiness.status, Status::stale);
}

}  // namespace
}  // namespace prongsai::disclosure
