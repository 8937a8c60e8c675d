// The search index on both backends: runs of code points of any length (one Thai letter
// included), folding, visibility, agencies apart, and the index changing with its transaction.
#include <gtest/gtest.h>

#include "core/search_text.hpp"
#include "store/store.hpp"
#include "testing/store_test_base.hpp"

namespace prongsai::store {
namespace {
struct SearchTest : testing::StoreTestBase {
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
      for (const SearchHit& h : tx.search(agency, search::fold(q), clock.now(), limit, offset).hits)
        refs.push_back(h.ref);
      return refs;
    });
  }
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
    return store->read([&](ReadTx& tx) { return tx.search(1, search::fold("ข่าว"), clock.now(), 0, 0, cap).total; });
  };
  EXPECT_EQ(count(100), 30);
  EXPECT_EQ(count(10), 10);
  auto hit = store->read([&](ReadTx& tx) { return tx.search(1, search::fold("ที่ 7"), clock.now(), 5, 0).hits; });
  ASSERT_EQ(hit.size(), 1u);
  EXPECT_EQ(hit[0].title, "ข่าวที่ 7");
  EXPECT_EQ(hit[0].url, "/news/7");
  EXPECT_EQ(hit[0].kind, "news");
}

TEST_F(SearchTest, APageAndItsCountComeFromOneLookup) {
  for (int i = 1; i <= 30; ++i) put(std::to_string(i), "ข่าวที่ " + std::to_string(i), "");
  auto results = [&](std::int64_t limit, std::int64_t offset, std::int64_t cap) {
    return store->read([&](ReadTx& tx) { return tx.search(1, search::fold("ข่าว"), clock.now(), limit, offset, cap); });
  };
  auto page = results(5, 10, 21);
  ASSERT_EQ(page.hits.size(), 5u);
  EXPECT_EQ(page.hits.front().ref, "20");
  EXPECT_EQ(page.total, 21) << "counted to the cap";
  EXPECT_EQ(results(5, 25, 10).total, 30) << "a page past the cap is counted to its end";
  EXPECT_EQ(results(5, 28, 10).hits.size(), 2u);
  EXPECT_TRUE(results(5, 30, 100).hits.empty());
  EXPECT_EQ(results(5, 30, 100).total, 30);
}

// Enough entries to take each of PostgreSQL's ways (postgres.cpp: the newest 2,000 entries
// first, then fewer than 2,000 candidates by their pairs, else every entry newest first); SQLite
// answers the same. 300 old entries hold "งบประมาณ" (five of them "ฮิปโป" too), then 2,100 hold
// its pairs split between title and text (not the word: no match runs across), then 100 newer
// ones hold "ประมาณ" alone.
TEST_F(SearchTest, RareCommonAndOldMatchesAreFoundAlikeAmongThousands) {
  auto r = store->write(Actor::cli(), [](WriteTx& tx) -> Result<void> {
    int n = 0;
    auto add = [&](const std::string& title, const std::string& body) {
      ++n;
      tx.index({1, "news", std::to_string(n), title, body, "/news/" + std::to_string(n), 0});
    };
    for (int i = 0; i < 300; ++i) add("งบประมาณ", i % 60 == 0 ? "ฮิปโป" : "รายจ่าย");
    for (int i = 0; i < 2100; ++i) add("แผนงบป", "ประมาณการ");
    for (int i = 0; i < 100; ++i) add("ประมาณ", "");
    return ok();
  });
  ASSERT_TRUE(r);
  auto search = [&](std::string_view q, std::int64_t limit, std::int64_t offset) {
    return store->read([&](ReadTx& tx) { return tx.search(1, search::fold(q), clock.now(), limit, offset, 201); });
  };
  auto refs = [](const SearchResults& found) {
    Refs out;
    for (const SearchHit& h : found.hits) out.push_back(h.ref);
    return out;
  };

  auto word = search("งบประมาณ", 3, 0);  // no match among the newest 2,000; the pairs everywhere
  EXPECT_EQ(refs(word), (Refs{"300", "299", "298"}));
  EXPECT_EQ(word.total, 201);
  EXPECT_EQ(refs(search("งบประมาณ", 3, 199)), (Refs{"101", "100", "99"}));

  auto rare = search("ฮิปโป", 10, 0);  // five entries, found through their pairs
  EXPECT_EQ(refs(rare), (Refs{"241", "181", "121", "61", "1"}));
  EXPECT_EQ(rare.total, 5);

  auto common = search("ประมาณ", 2, 0);  // answered among the newest
  EXPECT_EQ(refs(common), (Refs{"2500", "2499"}));
  EXPECT_EQ(common.total, 201);
  EXPECT_EQ(search("แผนงบประมาณ", 5, 0).total, 0);
  EXPECT_EQ(search("ฮ", 10, 0).total, 5) << "one letter, in five entries";
}

TEST_F(SearchTest, AMissingIndexIsBuiltAgainFromTheEntries) {
  put("1", "ประกาศผล", "");
  store->apply_schema(testing::on_postgresql() ? "DROP TABLE search_terms" : "DROP TABLE search_fts");
  ASSERT_TRUE(store->migrate(embedded_migrations({"store"})));
  EXPECT_EQ(find("ผล"), (Refs{"1"}));
}

// PostgreSQL: an installation made when the folded text was kept out of line has it moved into
// the row at the next start (postgres.cpp, prepare_search), and finds what it found.
TEST_F(SearchTest, FoldedTextKeptOutOfLineIsMovedIntoTheRowAtStart) {
  if (!testing::on_postgresql()) GTEST_SKIP() << "PostgreSQL's storage of the folded text";
  put("1", "ประกาศผล", "");
  auto storage = [&] {
    return store->read([](ReadTx& tx) {
      return tx
          .query(
              "SELECT attstorage::text AS attstorage FROM pg_attribute WHERE attrelid = 'search_docs'::regclass "
              "AND attname = 'folded'")
          .at(0)
          .text("attstorage");
    });
  };
  EXPECT_EQ(storage(), "m");
  store->apply_schema("ALTER TABLE search_docs ALTER folded SET STORAGE EXTERNAL");
  ASSERT_TRUE(store->migrate(embedded_migrations({"store"})));
  EXPECT_EQ(storage(), "m");
  EXPECT_EQ(find("ผล"), (Refs{"1"}));
}

}  // namespace
}  // namespace prongsai::store
