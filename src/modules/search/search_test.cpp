// What the public search finds, on both backends: what the modules index as they change
// (published news, published answers, ITA documents on the registry) and nothing else (drafts,
// scheduled posts before their time, unapproved answers, removed and replaced documents).
#include <gtest/gtest.h>

#include "core/search_text.hpp"
#include "core/thai_calendar.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/news/news.hpp"
#include "modules/qa/qa.hpp"
#include "testing/testing.hpp"

namespace prongsai::search {
namespace {

struct SearchTest : ::testing::Test {
  void SetUp() override { f = testing::Fixture::make(); }
  http::Principal editor() { return f->principal("staff@example.org"); }
  http::Principal officer() { return f->principal("complaints@example.org"); }
  http::Principal admin() { return f->principal("admin@example.org"); }

  // "kind:ref" of what `q` finds, newest first.
  std::vector<std::string> find(std::string_view q) {
    return f->app->store().read([&](store::ReadTx& tx) {
      std::vector<std::string> out;
      for (const auto& h : tx.search(f->agency_id, search::fold(q), f->clock->now(), 50, 0).hits)
        out.push_back(h.kind + ":" + h.ref);
      return out;
    });
  }
  std::int64_t post(const std::string& title, const std::string& body, bool publish = true) {
    news::PostInput in;
    in.category = "news";
    in.title = title;
    in.body = body;
    in.publish = publish;
    auto id = f->app->get<news::News>().save(editor(), std::nullopt, in);
    EXPECT_TRUE(id) << id.error().detail;
    return id ? *id : 0;
  }
  std::unique_ptr<testing::Fixture> f;
};

using Found = std::vector<std::string>;
std::string ref(const char* kind, std::int64_t id) { return std::string(kind) + ":" + std::to_string(id); }

TEST_F(SearchTest, PublishedNewsIsFoundAndDraftsAndRemovedPostsAreNot) {
  std::int64_t a = post("ประกาศรับสมัครพนักงานจ้าง", "รับสมัครตั้งแต่วันที่ 1 ธันวาคม");
  std::int64_t draft = post("ร่างประกาศผลการสอบ", "ยังไม่เผยแพร่", false);
  EXPECT_EQ(find("สมัคร"), (Found{ref("news", a)}));
  EXPECT_EQ(find("ผลการสอบ"), Found{});
  EXPECT_EQ(find("ธ"), (Found{ref("news", a)})) << "one Thai letter";

  // Publishing the draft: found; editing it back to a draft: gone again.
  news::PostInput in;
  in.category = "news";
  in.title = "ประกาศผลการสอบ";
  in.body = "รายชื่อผู้ผ่าน";
  in.publish = true;
  ASSERT_TRUE(f->app->get<news::News>().save(editor(), draft, in));
  EXPECT_EQ(find("ผล"), (Found{ref("news", draft)}));
  in.publish = false;
  ASSERT_TRUE(f->app->get<news::News>().save(editor(), draft, in));
  EXPECT_EQ(find("ผล"), Found{});

  ASSERT_TRUE(f->app->get<news::News>().remove(editor(), a));
  EXPECT_EQ(find("สมัคร"), Found{});
}

TEST_F(SearchTest, AScheduledPostIsFoundFromItsTime) {
  calendar::Date tomorrow = calendar::add_days(calendar::local_date(f->clock->now()), 1);
  news::PostInput in;
  in.category = "news";
  in.title = "ประกาศวันหยุด";
  in.body = "";
  in.publish = true;
  in.publish_date = calendar::iso(tomorrow);
  in.publish_time = "08:30";
  auto id = f->app->get<news::News>().save(editor(), std::nullopt, in);
  ASSERT_TRUE(id);
  EXPECT_EQ(find("วันหยุด"), Found{});
  f->clock->set(calendar::start_of_day(tomorrow) + 8 * 3600 + 30 * 60);
  EXPECT_EQ(find("วันหยุด"), (Found{ref("news", *id)}));
}

TEST_F(SearchTest, AnswersAreFoundOncePublicAndTheAskersNameNever) {
  qa::Questions& qa = f->app->get<qa::Questions>();
  auto code = qa.ask(f->agency_id, "สมศรี ใจดี", "เบี้ยยังชีพผู้สูงอายุจ่ายวันไหน");
  auto q = qa.track(f->agency_id, *code);
  EXPECT_EQ(find("เบี้ย"), Found{}) << "not answered yet";
  ASSERT_TRUE(qa.set_approval(admin(), true));
  ASSERT_TRUE(qa.answer(officer(), q->id, "ทุกวันที่ 10 ของเดือน"));
  EXPECT_EQ(find("เบี้ย"), Found{}) << "waiting for approval";
  ASSERT_TRUE(qa.approve(f->principal("executive@example.org"), q->id));
  EXPECT_EQ(find("เบี้ย"), (Found{ref("qa", q->id)}));
  EXPECT_EQ(find("10ของ"), (Found{ref("qa", q->id)})) << "the answer too";
  EXPECT_EQ(find("สมศรี"), Found{});
  // An edited answer goes back to the executive, and off the public search until approved.
  ASSERT_TRUE(qa.answer(officer(), q->id, "ทุกวันที่ 10 ของเดือน ผ่านบัญชีธนาคาร"));
  EXPECT_EQ(find("เบี้ย"), Found{});
}

TEST_F(SearchTest, DocumentsOnTheRegistryAreFoundUnderTheirItem) {
  disclosure::Service& d = f->app->get<disclosure::Service>();
  auto id = d.add_evidence(admin(), 2566, "O1",
                           {"text", "โครงสร้างองค์กร", "นายก ปลัด และ 4 กอง", "", "", "2022-10-03", std::nullopt});
  ASSERT_TRUE(id) << id.error().detail;
  EXPECT_EQ(find("โครงสร้าง"), (Found{ref("evidence", *id)}));
  EXPECT_EQ(find("o1"), (Found{ref("evidence", *id)})) << "the item's code";
  auto hit = f->app->store().read(
      [&](store::ReadTx& tx) { return tx.search(f->agency_id, search::fold("กอง"), f->clock->now(), 5, 0).hits; });
  ASSERT_EQ(hit.size(), 1u);
  EXPECT_EQ(hit[0].url, "/ita/2566/O1");

  disclosure::EvidenceInput fix{"text",      "โครงสร้างองค์กร (ฉบับแก้ไข)", "นายก ปลัด และ 5 กอง", "", "", "2022-10-04",
                                std::nullopt};
  fix.replaces = *id;
  auto fixed = d.add_evidence(admin(), 2566, "O1", fix);
  ASSERT_TRUE(fixed);
  EXPECT_EQ(find("โครงสร้าง"), (Found{ref("evidence", *fixed)})) << "the replaced version is not found";
  ASSERT_TRUE(d.remove_evidence(admin(), 2566, "O1", *fixed));
  EXPECT_EQ(find("โครงสร้าง"), Found{});
}

TEST_F(SearchTest, AnIndexFromAnOlderVersionIsBuiltAgainAtStart) {
  std::int64_t a = post("ประกาศรับสมัคร", "");
  // An older version's index: nothing in it, and an older version number.
  ASSERT_TRUE(f->app->store().write(store::Actor::cli(), [](store::WriteTx& tx) -> Result<void> {
    tx.unindex_kind("news");
    return ok();
  }));
  f->app->store().bookkeeping([](store::BookkeepingTx& tx) {
    return tx.exec("UPDATE instance_settings SET value = '0' WHERE key = 'search_index_version'");
  });
  EXPECT_EQ(find("สมัคร"), Found{});
  f->reopen();
  EXPECT_EQ(find("สมัคร"), (Found{ref("news", a)}));
}

}  // namespace
}  // namespace prongsai::search
