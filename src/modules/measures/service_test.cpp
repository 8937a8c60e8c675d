// Importing the seed into an agency: issues, steps and units stored and read back; a second
// import, a report of another year and an unreadable file change nothing.
#include <gtest/gtest.h>

#include "modules/measures/measures.hpp"
#include "testing/testing.hpp"

namespace prongsai::measures {
namespace {

std::string seed() { return testing::read_source_file("data/seed/o43-report-na-mom-2566.txt"); }

struct MeasuresTest : ::testing::Test {
  void SetUp() override { f = testing::Fixture::make(); }
  Service& svc() { return f->app->get<measures::Service>(); }
  std::int64_t audit_rows() {
    return f->app->store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM audit_log"); });
  }
  std::vector<std::string> unit_names(const StoredIssue& s) {
    std::vector<std::string> out;
    for (std::int64_t id : s.unit_ids) {
      for (const auto& u : f->app->get<accounts::Service>().units(f->agency_id)) {
        if (u.id == id) out.push_back(u.name_th);
      }
    }
    return out;
  }
  const StoredIssue& issue(const Plan& p, const std::string& code) {
    for (const auto& s : p.issues) {
      if (s.issue.item_code == code) return s;
    }
    throw std::runtime_error(code);
  }
  std::unique_ptr<testing::Fixture> f;
};

TEST_F(MeasuresTest, TheSeedBecomesThe2566Plan) {
  auto r = svc().import_o43(store::Actor::cli(), f->agency_id, 2566, seed());
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->issues, 14u);
  EXPECT_EQ(r->lint.size(), 3u);
  auto p = svc().plan(f->agency_id, 2566);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->cited_year, 2565);
  EXPECT_EQ(p->prepared_by, "สำนักงานปลัด (งานนโยบายและแผน)");
  ASSERT_EQ(p->issues.size(), 14u);
  EXPECT_EQ(unit_names(issue(*p, "O4")), (std::vector<std::string>{"สำนักปลัด"}));
  EXPECT_EQ(unit_names(issue(*p, "O24")), (std::vector<std::string>{"กองคลัง"}));
  EXPECT_EQ(unit_names(issue(*p, "O12")).size(), 4u);  // ทุกภารกิจงาน
  EXPECT_EQ(unit_names(issue(*p, "E10")), (std::vector<std::string>{"สำนักปลัด"}));
  const auto& o20 = issue(*p, "O20").issue;
  ASSERT_EQ(o20.steps.size(), 4u);
  EXPECT_EQ(o20.steps[1].number, 3);
  const auto& e9 = issue(*p, "E9").issue;
  EXPECT_EQ(e9.monitoring.cadence, Cadence::half_yearly);
  EXPECT_EQ(e9.monitoring.months, (std::vector<unsigned>{4, 10}));
  EXPECT_EQ(issue(*p, "E10").issue.target_answers, (std::vector<std::string>{"มี", "ไม่มี"}));
  auto list = svc().plans(f->agency_id);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].issues, 14);
}

TEST_F(MeasuresTest, NothingIsHalfImported) {
  std::int64_t before = audit_rows();
  std::string broken = seed();
  broken.replace(broken.rfind("\tสำนักปลัด\t"), std::string("\tสำนักปลัด\t").size(), " ");  // the last row loses cells
  auto r = svc().import_o43(store::Actor::cli(), f->agency_id, 2566, broken);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message_key, "error.import_row");
  EXPECT_FALSE(svc().plan(f->agency_id, 2566));
  EXPECT_EQ(audit_rows(), before);

  auto other_year = svc().import_o43(store::Actor::cli(), f->agency_id, 2567, seed());
  ASSERT_FALSE(other_year);
  EXPECT_EQ(other_year.error().message_key, "error.import_year_mismatch");

  ASSERT_TRUE(svc().import_o43(store::Actor::cli(), f->agency_id, 2566, seed()));
  std::int64_t after_first = audit_rows();
  auto again = svc().import_o43(store::Actor::cli(), f->agency_id, 2566, seed());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message_key, "error.plan_exists");
  EXPECT_EQ(audit_rows(), after_first);
}

}  // namespace
}  // namespace prongsai::measures
