// The search index on both backends: runs of code points of any length (one Thai letter
// included), folding, visibility, agencies apart, and the index changing with its transaction.
#include <gtest/gtest.h>

#include "core/search_text.hpp"
#include "store/store.hpp"
#include "testing/testing.hpp"

namespace prongsai::store {
namespace {

struct SearchTest : ::testing::Test {
  void SetUp() override {
    url = testing::fresh_db_url(dir);
    auto s = Store::open(url, clock);
    ASSERT_TRUE(s);
    store = std::move(*s);
    ASSERT_TRUE(store->migrate(embedded_migrations({"store"})));
  }

  void put(std::string ref, std::string title, std::string body, std::int64_t visible_from = 0,
           std::int64_t agency = 1) {
    auto r = store->write(Actor::cli(), [&](WriteTx& tx) -> Result<void> {
      tx.index({agency, "news", ref, title, body, "/news/" + ref, visible_from});
      return ok();
    });
    ASSERT_TRUE(r);
  }

  // The refs found for `q`, newest first.
  std::vector<std::string> find(std::string_view q, std::int64_t agency = 1, std::int64_t limit = 50,
                                std::int64_t offset = 0) {
    return store->read([&](ReadTx& tx) {
      std::vector<std::string> refs;
      for (const SearchHit& h : tx.search(agency, search::fold(q), clock.now(), limit, offset)) refs.push_back(h.ref);
      return refs;
    });
  }

  testing::TempDir dir;
  std::string url;
  ManualClock clock{1'700'000'000};
  std::unique_ptr<Store> store;
};

using Refs = std::vector<std::string>;

TEST_F(SearchTest, OneAndTwoThaiCharactersFindLikeLongQueries) {
  put("1", "ประกาศผลการสอบ", "ผลการคัดเลือกพนักงานจ้าง");
  put("2", "กิจกรรมวันเด็ก", "ภาพกิจกรรม");
  put("3", "งบประมาณ", "แผนการใช้จ่ายงบประมาณ");
  EXPECT_EQ(find("ผล"), (Refs{"1"}));
  EXPECT_EQ(find("ด"), (Refs{"2", "1"}));  // วันเด็ก; คัดเลือก
  EXPECT_EQ(find("งบ"), (Refs{"3"}));
  EXPECT_EQ(find("ประ"), (Refs{"3", "1"}));
  EXPECT_EQ(find("ผลการคัดเลือกพนักงาน"), (Refs{"1"}));
  EXPECT_EQ(find("ฎ"), Refs{});
  EXPECT_EQ(find("ผลงบ"), Refs{});
}

TEST_F(SearchTest, SpacesCaseAndThaiDigitsDoNotMatter) {
  put("1", "รายงาน ITA ปี ๒๕๖๖", "สำนัก ปลัด\u200Bรับผิดชอบ");
  EXPECT_EQ(find("2566"), (Refs{"1"}));
  EXPECT_EQ(find("ita"), (Refs{"1"}));
  EXPECT_EQ(find("สำนักปลัด"), (Refs{"1"}));
  EXPECT_EQ(find("ปลัดรับ"), (Refs{"1"}));
  EXPECT_EQ(find("ปี2566"), (Refs{"1"}));
}

TEST_F(SearchTest, NoMatchRunsFromTheTitleIntoTheText) {
  put("1", "ข่าว", "สาร");
  EXPECT_EQ(find("ข่าวสาร"), Refs{});
  EXPECT_EQ(find("สาร"), (Refs{"1"}));
}

TEST_F(SearchTest, AnEntryIsFoundFromItsTimeOnAndOnlyInItsAgency) {
  put("1", "ประกาศ", "", clock.now() + 3600);
  put("2", "ประกาศ", "", 0, 2);
  EXPECT_EQ(find("ประกาศ"), Refs{});
  EXPECT_EQ(find("ประกาศ", 2), (Refs{"2"}));
  clock.advance(3600);
  EXPECT_EQ(find("ประกาศ"), (Refs{"1"}));
}

TEST_F(SearchTest, AnEditReplacesTheOldTextAndARemovalTakesItAway) {
  put("1", "ประชุมสภา", "");
  put("2", "ข่าวอื่น", "");
  put("1", "ประชุมคณะกรรมการ", "");
  EXPECT_EQ(find("สภา"), Refs{});
  EXPECT_EQ(find("คณะ"), (Refs{"1"}));
  EXPECT_EQ(find("ข่าว"), (Refs{"2"}));
  ASSERT_TRUE(store->write(Actor::cli(), [](WriteTx& tx) -> Result<void> {
    tx.unindex(1, "news", "1");
    return ok();
  }));
  EXPECT_EQ(find("ประชุม"), Refs{});
  ASSERT_TRUE(store->write(Actor::cli(), [](WriteTx& tx) -> Result<void> {
    tx.unindex_kind("news");
    return ok();
  }));
  EXPECT_EQ(find("ข่าว"), Refs{});
}

TEST_F(SearchTest, TheIndexChangesOnlyWithItsTransaction) {
  put("1", "ประกาศ", "");
  auto r = store->write(Actor::cli(), [](WriteTx& tx) -> Result<void> {
    tx.index({1, "news", "2", "ประกาศใหม่", "", "/news/2", 0});
    tx.unindex(1, "news", "1");
    return fail(Error::invalid_field("title", "error.required"));
  });
  EXPECT_FALSE(r);
  EXPECT_EQ(find("ประกาศ"), (Refs{"1"}));
}

TEST_F(SearchTest, PagesAndCountsNewestFirst) {
  for (int i = 1; i <= 30; ++i) put(std::to_string(i), "ข่าวที่ " + std::to_string(i), "");
  EXPECT_EQ(find("ข่าว", 1, 3), (Refs{"30", "29", "28"}));
  EXPECT_EQ(find("ข่าว", 1, 3, 27), (Refs{"3", "2", "1"}));
  auto count = [&](std::int64_t cap) {
    return store->read([&](ReadTx& tx) { return tx.search_count(1, search::fold("ข่าว"), clock.now(), cap); });
  };
  EXPECT_EQ(count(100), 30);
  EXPECT_EQ(count(10), 10);
  auto hit = store->read([&](ReadTx& tx) { return tx.search(1, search::fold("ที่ 7"), clock.now(), 5, 0); });
  ASSERT_EQ(hit.size(), 1u);
  EXPECT_EQ(hit[0].title, "ข่าวที่ 7");
  EXPECT_EQ(hit[0].url, "/news/7");
  EXPECT_EQ(hit[0].kind, "news");
}

TEST_F(SearchTest, AMissingIndexIsBuiltAgainFromTheEntries) {
  put("1", "ประกาศผล", "");
  store->apply_schema(testing::on_postgresql() ? "DROP TABLE search_terms" : "DROP TABLE search_fts");
  ASSERT_TRUE(store->migrate(embedded_migrations({"store"})));
  EXPECT_EQ(find("ผล"), (Refs{"1"}));
}

}  // namespace
}  // namespace prongsai::store
