// The frozen snapshot on both backends: what it keeps (the sheet as sent, each item's evidence,
// the pages as rendered), that a file's bytes outlive the evidence being replaced, that a
// change since is marked on exactly the items changed, and that a failed rendering keeps nothing.
#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "modules/assessment/assessment.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "testing/testing.hpp"
#include "web/module.hpp"

namespace prongsai::assessment {
namespace {

using calendar::make_date;

const std::string kBase = "https://www.namom.go.th";

struct SnapshotTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make();
    admin = f->principal("admin@example.org");
    staff = f->principal("staff@example.org");
  }
  Snapshots& snapshots() { return f->app->get<Snapshots>(); }
  disclosure::Service& registry() { return f->app->get<disclosure::Service>(); }
  std::int64_t count(std::string_view sql) {
    return f->app->store().read([&](store::ReadTx& tx) { return tx.count(sql); });
  }
  // Stands for the router: each page's HTML names its path and how many times it was rendered.
  RenderPage render = [this](std::int64_t agency, const std::string& origin,
                             const std::string& path) -> std::optional<Served> {
    EXPECT_EQ(agency, f->agency_id);
    EXPECT_EQ(origin, kBase);
    if (path == refuse) return std::nullopt;
    rendered.push_back(path);
    return Served{"text/html; charset=utf-8",
                  "<!doctype html><title>" + path + "</title>" + std::to_string(rendered.size())};
  };
  Result<std::string> take() { return snapshots().take(admin, 2566, kBase, today, render); }
  std::int64_t add_file(const std::string& code, const std::string& bytes, std::optional<std::int64_t> replaces) {
    disclosure::EvidenceInput in{"file",   "คำสั่งแบ่งงาน", "", "", "", "2022-11-02", files::Upload{"order.pdf", bytes},
                                 replaces, true};
    auto id = registry().add_evidence(admin, 2566, code, in);
    EXPECT_TRUE(id) << (id ? "" : id.error().detail);
    return id ? *id : 0;
  }

  std::unique_ptr<testing::Fixture> f;
  http::Principal admin, staff;
  calendar::Date today = make_date(2023, 1, 15);
  std::vector<std::string> rendered;
  std::string refuse;
};

TEST_F(SnapshotTest, KeepsTheSheetTheEvidenceAndThePagesAsServed) {
  const std::string pdf = "%PDF-1.4 the order as it was on the day";
  std::int64_t file_id = add_file("O2", pdf, std::nullopt);
  ASSERT_TRUE(registry().add_evidence(admin, 2566, "O1",
                                      {"text", "โครงสร้าง", "นายก ปลัด และ 4 กอง", "", "", "2022-10-03", std::nullopt}));
  ASSERT_TRUE(f->app->get<Answers>().save(admin, 2566, "O3", {"no", kBase + "/ita/2566/O3", ""}));

  auto slug = take();
  ASSERT_TRUE(slug) << slug.error().detail;
  auto s = snapshots().get(f->agency_id, 2566, *slug);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->slug, calendar::iso(s->taken_on)) << "the first of a day is named by the day";
  ASSERT_EQ(s->items.size(), 43u);
  EXPECT_EQ(s->items.front().item->code, "O1") << "the framework's order";
  EXPECT_FALSE(s->taken_by.empty());

  const KeptItem* o1 = s->find("O1");
  EXPECT_EQ(o1->status, "ready");
  EXPECT_TRUE(o1->answer.has);
  EXPECT_EQ(o1->answer.urls, std::vector<std::string>{kBase + "/ita/2566/O1"});
  ASSERT_EQ(o1->evidence.size(), 1u);
  EXPECT_EQ(o1->evidence[0].body, "นายก ปลัด และ 4 กอง");
  EXPECT_FALSE(s->find("O3")->answer.has) << "the admin's line as sent";

  const KeptItem* o2 = s->find("O2");
  ASSERT_EQ(o2->evidence.size(), 1u);
  EXPECT_EQ(o2->evidence[0].id, file_id);
  EXPECT_EQ(o2->evidence[0].file.sha256, crypto::sha256_hex(pdf));
  EXPECT_EQ(s->files(), 1u);

  // The year's page and every item's page, each rendered once and kept by its hash.
  ASSERT_GE(s->pages.size(), 44u);
  std::set<std::string> paths;
  for (const KeptPage& p : s->pages) paths.insert(p.path);
  EXPECT_TRUE(paths.contains("/ita/2566"));
  EXPECT_TRUE(paths.contains("/ita/2566/O43"));
  EXPECT_EQ(paths.size(), rendered.size());
  const KeptPage* o1_page = nullptr;
  for (const KeptPage& p : s->pages)
    if (p.path == "/ita/2566/O1") o1_page = &p;
  ASSERT_NE(o1_page, nullptr);
  auto page = snapshots().file(f->agency_id, 2566, *slug, o1_page->sha256);
  ASSERT_TRUE(page);
  EXPECT_EQ(crypto::sha256_hex(page->data), o1_page->sha256);
  EXPECT_EQ(page->data.rfind("<!doctype html><title>/ita/2566/O1</title>", 0), 0u);
  EXPECT_EQ(page->ref.name, "ita-2566-O1-" + *slug + ".html");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'ita_snapshot'"), 1);
}

TEST_F(SnapshotTest, AFileKeepsItsBytesAfterTheEvidenceIsReplacedAndTheChangeIsMarked) {
  const std::string before = "%PDF-1.4 first version";
  std::int64_t id = add_file("O2", before, std::nullopt);
  auto slug = take();
  ASSERT_TRUE(slug);
  auto s = *snapshots().get(f->agency_id, 2566, *slug);
  EXPECT_TRUE(snapshots().changed_since(s, f->agency_id, today).empty()) << "nothing changed yet";

  const std::string after = "%PDF-1.4 replaced the day after";
  add_file("O2", after, id);
  auto kept = snapshots().file(f->agency_id, 2566, *slug, crypto::sha256_hex(before));
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->data, before);
  EXPECT_EQ(kept->ref.name, "order.pdf");
  EXPECT_EQ(snapshots().changed_since(s, f->agency_id, today), std::set<std::string>{"O2"});
  // And on the registry's staff page of O2, through the hub (web/evidence.hpp).
  auto notes = web::evidence_notes(f->app->host(), f->agency_id, 2566, "O2", Lang::th);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].text.find("เปลี่ยนไปหลังส่งคำตอบใน ITAS"), std::string::npos) << notes[0].text;
  EXPECT_EQ(notes[0].href, "/ita/2566/snapshot/" + *slug + "#O2");
  EXPECT_TRUE(web::evidence_notes(f->app->host(), f->agency_id, 2566, "O1", Lang::th).empty());

  // The new file is not in that snapshot, whatever the agency holds; nor is any other hash.
  EXPECT_EQ(snapshots().file(f->agency_id, 2566, *slug, crypto::sha256_hex(after)).error().kind, ErrorKind::not_found);
  EXPECT_EQ(snapshots().file(f->agency_id, 2566, *slug, "../../etc/passwd").error().kind, ErrorKind::not_found);
  EXPECT_EQ(snapshots().file(f->agency_id, 2566, "2000-01-01", crypto::sha256_hex(before)).error().kind,
            ErrorKind::not_found);

  // Submitted again the same day: a second snapshot beside the first, which stays as it was.
  auto second = take();
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, *slug + "-2");
  std::vector<Snapshot> all = snapshots().list(f->agency_id, 2566);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].slug, *second) << "newest first";
  EXPECT_EQ(snapshots().latest(f->agency_id, 2566)->find("O2")->evidence.at(0).file.sha256, crypto::sha256_hex(after));
  EXPECT_EQ(snapshots().get(f->agency_id, 2566, *slug)->find("O2")->evidence.at(0).file.sha256,
            crypto::sha256_hex(before));
  EXPECT_TRUE(snapshots().changed_since(*snapshots().latest(f->agency_id, 2566), f->agency_id, today).empty());
}

TEST_F(SnapshotTest, OnlyTheAdminTakesOneAndAPageThatFailsKeepsNothing) {
  EXPECT_EQ(snapshots().take(staff, 2566, kBase, today, render).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(snapshots().take(admin, 2400, kBase, today, render).error().kind, ErrorKind::not_set_up);
  refuse = "/ita/2566/O7";
  EXPECT_FALSE(take());
  EXPECT_EQ(count("SELECT COUNT(*) FROM assessment_snapshots"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM assessment_snapshot_items"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'ita_snapshot'"), 0);
  EXPECT_TRUE(snapshots().list(f->agency_id, 2566).empty());
  EXPECT_FALSE(snapshots().latest(f->agency_id, 2566));
}

}  // namespace
}  // namespace prongsai::assessment
