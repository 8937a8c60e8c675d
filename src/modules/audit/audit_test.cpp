// `audit verify` passes on an untouched database and names the first broken entry after an
// edit, a deletion in the middle, or a deleted tail, made directly in a copy of the file.
#include "modules/audit/audit.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "testing/testing.hpp"

namespace prongsai::audit {
namespace {

// Runs SQL on a database file behind the application's back, as an attacker with the file would.
void tamper(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

struct AuditTest : ::testing::Test {
  void SetUp() override {
    fixture = testing::Fixture::make();
    auto admin = fixture->principal("admin@example.org");
    for (int i = 0; i < 3; ++i)
      ASSERT_TRUE(fixture->app->accounts().create_unit(admin, "กองทดสอบ " + std::to_string(i), ""));
    fixture->app->store().close();
    original = fixture->dir.file("test.db");
  }
  // A copy of the database with `sql` applied, verified.
  Verification verify_copy(const std::string& sql) {
    std::string copy = fixture->dir.file("copy-" + std::to_string(++copies) + ".db");
    std::filesystem::copy_file(original, copy);
    if (!sql.empty()) tamper(copy, sql);
    auto store = store::Store::open("sqlite:" + copy);
    return verify(**store);
  }
  std::unique_ptr<testing::Fixture> fixture;
  std::string original;
  int copies = 0;
};

TEST_F(AuditTest, AnUntouchedLogVerifies) {
  Verification v = verify_copy("");
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_GT(v.entries, 10);
}

TEST_F(AuditTest, AnEditedEntryIsNamed) {
  Verification v =
      verify_copy("UPDATE audit_log SET after_json = '{\"name_th\":\"แก้ไข\"}' WHERE agency_id = 1 AND seq = 5");
  ASSERT_FALSE(v.ok);
  EXPECT_EQ(v.broken_agency, 1);
  EXPECT_EQ(v.broken_seq, 5);
  EXPECT_NE(v.reason.find("hash"), std::string::npos);
}

TEST_F(AuditTest, ADeletedEntryIsNamedByTheOneAfterIt) {
  Verification v = verify_copy("DELETE FROM audit_log WHERE agency_id = 1 AND seq = 4");
  ASSERT_FALSE(v.ok);
  EXPECT_EQ(v.broken_seq, 5);
  EXPECT_NE(v.reason.find("missing"), std::string::npos);
}

TEST_F(AuditTest, ADeletedTailIsDetected) {
  Verification v = verify_copy(
      "DELETE FROM audit_log WHERE agency_id = 1 AND seq = (SELECT MAX(seq) FROM audit_log WHERE agency_id = 1)");
  ASSERT_FALSE(v.ok);
  EXPECT_EQ(v.broken_id, 0);
}

TEST_F(AuditTest, ARechainedEditStillBreaksAtTheNextEntry) {
  // Editing an entry and recomputing only its own hash breaks the link of the entry after it.
  Verification v =
      verify_copy("UPDATE audit_log SET actor = 'someone else', hash = 'ab' WHERE agency_id = 1 AND seq = 2");
  ASSERT_FALSE(v.ok);
  EXPECT_EQ(v.broken_seq, 2);
}

}  // namespace
}  // namespace prongsai::audit
