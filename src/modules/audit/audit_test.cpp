// `audit verify` passes on an untouched database and names the first broken entry, and what
// broke there, after an edit, a replaced entry, a deletion in the middle, or a deleted tail
// made behind the application's back (the command line and the admin page are checked in
// tests/integration).
#include "modules/audit/audit.hpp"

#include <gtest/gtest.h>

#include "testing/testing.hpp"

namespace prongsai::audit {
namespace {

struct AuditTest : ::testing::Test {
  void SetUp() override {
    fixture = testing::Fixture::make();
    auto admin = fixture->principal("admin@example.org");
    for (int i = 0; i < 3; ++i)
      ASSERT_TRUE(fixture->app->get<accounts::Service>().create_unit(admin, "กองทดสอบ " + std::to_string(i), ""));
  }
  // Changes the log behind the application's back, as someone with the database would (the
  // bookkeeping transaction runs any statement and writes no audit row), then verifies.
  Verification tamper_and_verify(const std::string& sql) {
    if (!sql.empty()) fixture->app->store().bookkeeping([&](store::BookkeepingTx& tx) { return tx.exec(sql); });
    return verify(fixture->app->store());
  }
  std::unique_ptr<testing::Fixture> fixture;
};

TEST_F(AuditTest, AnUntouchedLogVerifies) {
  Verification v = tamper_and_verify("");
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_GT(v.entries, 10);
}

TEST_F(AuditTest, AnEditedEntryIsNamed) {
  Verification v =
      tamper_and_verify("UPDATE audit_log SET after_json = '{\"name_th\":\"แก้ไข\"}' WHERE agency_id = 1 AND seq = 5");
  ASSERT_FALSE(v.ok);
  EXPECT_EQ(v.broken_agency, 1);
  EXPECT_EQ(v.broken_seq, 5);
  EXPECT_EQ(v.kind, "hash");
  EXPECT_NE(v.reason.find("hash"), std::string::npos);
}

TEST_F(AuditTest, ADeletedEntryIsNamedByTheOneAfterIt) {
  Verification v = tamper_and_verify("DELETE FROM audit_log WHERE agency_id = 1 AND seq = 4");
  ASSERT_FALSE(v.ok);
  EXPECT_EQ(v.broken_seq, 5);
  EXPECT_EQ(v.kind, "missing");
  EXPECT_NE(v.reason.find("missing"), std::string::npos);
}

TEST_F(AuditTest, ADeletedTailIsDetected) {
  Verification v = tamper_and_verify(
      "DELETE FROM audit_log WHERE agency_id = 1 AND seq = (SELECT MAX(seq) FROM audit_log WHERE agency_id = 1)");
  ASSERT_FALSE(v.ok);
  EXPECT_EQ(v.broken_id, 0);
  EXPECT_EQ(v.kind, "tail");
}

TEST_F(AuditTest, ARechainedEditStillBreaksAtTheNextEntry) {
  // Editing an entry and recomputing only its own hash breaks the link of the entry after it.
  Verification v =
      tamper_and_verify("UPDATE audit_log SET actor = 'someone else', hash = 'ab' WHERE agency_id = 1 AND seq = 2");
  ASSERT_FALSE(v.ok);
  EXPECT_EQ(v.broken_seq, 2);
  EXPECT_EQ(v.kind, "hash");
}

TEST_F(AuditTest, AnEntryReplacedWithItsOwnHashBreaksTheLinkOfTheNext) {
  // Whoever also knows how the hash is made can rewrite an entry and its hash: the entry after
  // it still names the old hash.
  std::vector<store::AuditEntry> entries = recent(fixture->app->store(), 1, 3, 3);
  ASSERT_EQ(entries.size(), 2u);
  store::AuditEntry e = entries.front();
  ASSERT_EQ(e.seq, 2);
  e.actor = "someone else";
  e.hash = store::audit_hash(e);
  Verification v = tamper_and_verify("UPDATE audit_log SET actor = 'someone else', hash = '" + e.hash +
                                     "' WHERE agency_id = 1 AND seq = 2");
  ASSERT_FALSE(v.ok);
  EXPECT_EQ(v.broken_seq, 3);
  EXPECT_EQ(v.kind, "link");
  EXPECT_EQ(verify(fixture->app->store(), 1).entries, 3) << "agency 1's entries read up to the break";
}

}  // namespace
}  // namespace prongsai::audit
