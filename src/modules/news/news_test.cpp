// News on both backends: drafts, scheduled and published posts, files checked by content,
// who may edit, and nothing stored by a refused save.
#include <gtest/gtest.h>

#include "core/thai_calendar.hpp"
#include "documents/qr.hpp"
#include "modules/news/news.hpp"
#include "testing/testing.hpp"

namespace prongsai::news {
namespace {

struct NewsTest : ::testing::Test {
  void SetUp() override { f = testing::Fixture::make(); }
  News& news() { return f->app->get<news::News>(); }
  http::Principal editor() { return f->principal("staff@example.org"); }
  PostInput input(const std::string& title) {
    PostInput in;
    in.category = "announcement";
    in.title = title;
    in.body = "ประชาสัมพันธ์ให้ประชาชนทราบโดยทั่วกัน";
    in.publish = true;
    return in;
  }
  std::int64_t count(const char* table) {
    return f->app->store().read(
        [&](store::ReadTx& tx) { return tx.count(std::string("SELECT COUNT(*) FROM ") + table); });
  }
  // A real PNG (a QR code) and a PDF header: what the files module accepts by content.
  std::string png = documents::qr_png(*documents::qr_encode("https://example.org"), 2);
  std::string pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
  std::unique_ptr<testing::Fixture> f;
};

TEST_F(NewsTest, DraftsAndScheduledPostsStayHiddenUntilTheirTime) {
  PostInput draft = input("ร่างประกาศรับสมัคร");
  draft.publish = false;
  auto d = news().save(editor(), std::nullopt, draft);
  ASSERT_TRUE(d) << d.error().detail;
  EXPECT_EQ(news().published_post(f->agency_id, *d).error().kind, ErrorKind::not_found);

  auto now = news().save(editor(), std::nullopt, input("ประกาศวันหยุดราชการ"));
  ASSERT_TRUE(now);
  ASSERT_TRUE(news().published_post(f->agency_id, *now));

  // Tomorrow 08:30 Thailand time.
  calendar::Date tomorrow = calendar::add_days(calendar::local_date(f->clock->now()), 1);
  PostInput later = input("ประกาศผลการคัดเลือก");
  later.publish_date = calendar::iso(tomorrow);
  later.publish_time = "08:30";
  auto s = news().save(editor(), std::nullopt, later);
  ASSERT_TRUE(s);
  std::int64_t at = calendar::start_of_day(tomorrow) + 8 * 3600 + 30 * 60;
  EXPECT_EQ(news().next_scheduled(f->agency_id), at);
  EXPECT_FALSE(news().published_post(f->agency_id, *s));
  PostPage page = news().published(f->agency_id, "", 10, 0);
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.posts[0].title, "ประกาศวันหยุดราชการ");

  f->clock->set(at);
  EXPECT_TRUE(news().published_post(f->agency_id, *s));
  EXPECT_EQ(news().next_scheduled(f->agency_id), std::nullopt);
  page = news().published(f->agency_id, "", 10, 0);
  ASSERT_EQ(page.total, 2);
  EXPECT_EQ(page.posts[0].title, "ประกาศผลการคัดเลือก") << "newest first";
  EXPECT_EQ(news().published(f->agency_id, "jobs", 10, 0).total, 0);
  EXPECT_EQ(news().published(f->agency_id, "announcement", 1, 1).posts.size(), 1u);
  ASSERT_EQ(news().all(editor())->size(), 3u);
}

TEST_F(NewsTest, PicturesAndAttachmentsAreCheckedByContentAndFollowThePost) {
  PostInput in = input("ภาพกิจกรรมวันเด็ก");
  in.publish = false;
  in.images = {{"หน้าปก.png", png}};
  in.attachments = {{"กำหนดการ.pdf", pdf}};
  auto id = news().save(editor(), std::nullopt, in);
  ASSERT_TRUE(id) << id.error().detail;
  auto p = news().get(editor(), *id);
  ASSERT_EQ(p->files.size(), 2u);
  EXPECT_TRUE(p->files[0].image);
  EXPECT_EQ(p->files[1].ref.content_type, "application/pdf");
  // A draft's files are the editors' only.
  EXPECT_FALSE(news().file(nullptr, f->agency_id, *id, p->files[0].id));
  auto staff = editor();
  EXPECT_TRUE(news().file(&staff, f->agency_id, *id, p->files[0].id));

  // Publishing, and removing the attachment, in one save.
  PostInput publish = input("ภาพกิจกรรมวันเด็ก");
  publish.remove_files = {p->files[1].id};
  ASSERT_TRUE(news().save(editor(), *id, publish));
  auto file = news().file(nullptr, f->agency_id, *id, p->files[0].id);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->second, png);
  EXPECT_EQ(news().get(editor(), *id)->files.size(), 1u);

  // Refused whole: a PDF as a picture, an HTML page as an attachment, a bad date or time.
  std::int64_t posts = count("news_posts"), files = count("news_files"), audit = count("audit_log");
  PostInput bad = input("ไม่ควรถูกบันทึก");
  bad.images = {{"ภาพ.png", pdf}};
  EXPECT_EQ(news().save(editor(), std::nullopt, bad).error().message_key, "error.not_an_image");
  bad.images.clear();
  bad.attachments = {{"x.pdf", "<html><script>alert(1)</script></html>"}};
  EXPECT_EQ(news().save(editor(), std::nullopt, bad).error().field, "attachments");
  bad.attachments.clear();
  bad.publish_date = "2026-02-30";
  EXPECT_EQ(news().save(editor(), std::nullopt, bad).error().field, "publish_date");
  bad.publish_date = "2026-02-03";
  bad.publish_time = "25:00";
  EXPECT_EQ(news().save(editor(), std::nullopt, bad).error().field, "publish_time");
  bad.publish_time.clear();
  bad.category = "gossip";
  EXPECT_EQ(news().save(editor(), std::nullopt, bad).error().field, "category");
  bad.category = "news";
  bad.title = "";
  EXPECT_EQ(news().save(editor(), std::nullopt, bad).error().field, "title");
  EXPECT_EQ(count("news_posts"), posts);
  EXPECT_EQ(count("news_files"), files);
  EXPECT_EQ(count("audit_log"), audit);

  // Deleting takes its files along.
  ASSERT_TRUE(news().remove(editor(), *id));
  EXPECT_EQ(count("news_files"), files - 1);
  EXPECT_FALSE(news().published_post(f->agency_id, *id));
}

// A post to publish is scanned for personal data; a draft is not public and is not held.
TEST_F(NewsTest, APostHoldingPersonalDataIsPublishedOnlyOnTheEditorsWord) {
  PostInput in = input("ประกาศรายชื่อผู้มีสิทธิ์รับเงินอุดหนุน");
  in.body = "นางสาวสมใจ ดีงาม เลขประจำตัวประชาชน 1101700230708";
  auto held = news().save(editor(), std::nullopt, in);
  ASSERT_FALSE(held);
  EXPECT_EQ(held.error().field, "confirm_personal_data");
  EXPECT_EQ(held.error().shown, "เนื้อหาข่าว: เลขประจำตัวประชาชน 1-1017-xxxxx-xx-8");
  EXPECT_EQ(count("news_posts"), 0);
  in.publish = false;
  ASSERT_TRUE(news().save(editor(), std::nullopt, in)) << "a draft";
  in.publish = true;
  in.confirm_personal_data = true;
  ASSERT_TRUE(news().save(editor(), std::nullopt, in));
  EXPECT_EQ(count("news_posts"), 2);
  EXPECT_EQ(f->app->store().read([](store::ReadTx& tx) {
    return tx.count(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'news_post' AND after_json LIKE "
        "'%personal_data_confirmed%'");
  }),
            1);
}

TEST_F(NewsTest, OnlyEditorsWrite) {
  auto exec = f->principal("executive@example.org");
  EXPECT_EQ(news().save(exec, std::nullopt, input("x")).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(news().all(exec).error().kind, ErrorKind::forbidden);
  auto id = news().save(f->principal("admin@example.org"), std::nullopt, input("ประกาศจากผู้ดูแล"));
  ASSERT_TRUE(id);
  EXPECT_EQ(news().remove(exec, *id).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(news().get(exec, *id).error().kind, ErrorKind::forbidden);
}

}  // namespace
}  // namespace prongsai::news
