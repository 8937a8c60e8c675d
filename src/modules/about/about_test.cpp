// The agency's people on both backends: the admin's form checked field by field with nothing
// stored on a refusal, a photo judged by its bytes, terms that end moving a person to the past,
// every change audited, and the pages they give the OIT items holding their roles; the duties
// and the laws the same way.
#include "modules/about/about.hpp"

#include <gtest/gtest.h>

#include "modules/disclosure/disclosure.hpp"
#include "testing/testing.hpp"

namespace prongsai::about {
namespace {

using calendar::make_date;

struct AboutTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make();
    admin = f->principal("admin@example.org");
    for (const auto& u : f->app->get<accounts::Service>().units(f->agency_id)) unit[u.name_th] = u.id;
  }
  People& people() { return f->app->get<People>(); }
  std::int64_t audit_rows() {
    return f->app->store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM audit_log"); });
  }
  PersonInput person(std::string side, std::string position, std::string name) {
    PersonInput in;
    in.side = std::move(side);
    in.position = std::move(position);
    in.name = std::move(name);
    return in;
  }
  std::unique_ptr<testing::Fixture> f;
  http::Principal admin;
  std::map<std::string, std::int64_t> unit;
};

TEST_F(AboutTest, TheAdminKeepsThePeopleAndBadInputStoresNothing) {
  std::int64_t audited = audit_rows();
  PersonInput mayor = person("executive", "นายกองค์การบริหารส่วนตำบล", "นายสมชาย ใจดี");
  mayor.phone = "08 1234 5678";
  mayor.term_from = "2021-11-28";
  auto id = people().save(admin, std::nullopt, mayor);
  ASSERT_TRUE(id) << id.error().message_key << " " << id.error().field << " " << id.error().detail;
  PersonInput head = person("official", "ผู้อำนวยการกองคลัง", "นางสาวมาลี ดีงาม");
  head.unit_id = std::to_string(unit.at("กองคลัง"));
  head.heads_unit = true;
  ASSERT_TRUE(people().save(admin, std::nullopt, head));
  EXPECT_EQ(audit_rows(), audited + 2);

  struct Bad {
    PersonInput in;
    std::string field;
  };
  PersonInput no_name = person("executive", "รองนายก", "");
  PersonInput bad_side = person("mayor", "นายก", "ก");
  PersonInput bad_date = person("executive", "นายก", "ก");
  bad_date.term_from = "2021-02-30";
  PersonInput backwards = person("executive", "นายก", "ก");
  backwards.term_from = "2025-01-01";
  backwards.term_to = "2024-01-01";
  PersonInput other_unit = person("official", "ผู้อำนวยการกอง", "ก");
  other_unit.unit_id = "999999";
  PersonInput not_image = person("executive", "นายก", "ก");
  not_image.photo = files::Upload{"photo.jpg", "%PDF-1.4 not a photo"};
  for (const auto& [in, field] : {Bad{no_name, "name"}, Bad{bad_side, "side"}, Bad{bad_date, "term_from"},
                                  Bad{backwards, "term_to"}, Bad{other_unit, "unit_id"}, Bad{not_image, "photo"}}) {
    auto r = people().save(admin, std::nullopt, in);
    ASSERT_FALSE(r) << field;
    EXPECT_EQ(r.error().field, field);
  }
  auto staff = people().save(f->principal("staff@example.org"), std::nullopt, mayor);
  ASSERT_FALSE(staff);
  EXPECT_EQ(staff.error().kind, ErrorKind::forbidden);
  EXPECT_EQ(people().all(f->agency_id).size(), 2u);
  EXPECT_EQ(audit_rows(), audited + 2);

  // A term that ends moves the mayor to the past; removal is audited too.
  mayor.term_to = "2025-11-27";
  ASSERT_TRUE(people().save(admin, *id, mayor));
  auto saved = people().find(f->agency_id, *id);
  EXPECT_TRUE(saved->current(make_date(2025, 11, 27)));
  EXPECT_FALSE(saved->current(make_date(2025, 11, 28)));
  ASSERT_TRUE(people().remove(admin, *id));
  EXPECT_FALSE(people().find(f->agency_id, *id));
  EXPECT_EQ(audit_rows(), audited + 4);
}

TEST_F(AboutTest, APhotoIsKeptWithoutWhatTheCameraWroteInIt) {
  // The smallest PNG, with a text chunk a phone might write.
  const std::string png = testing::png_with_text("GPS 14.97,102.10");
  PersonInput in = person("executive", "นายก", "นายสมชาย ใจดี");
  in.photo = files::Upload{"me.png", png};
  auto id = people().save(admin, std::nullopt, in);
  ASSERT_TRUE(id) << id.error().message_key << " " << id.error().field << " " << id.error().detail;
  auto photo = people().photo(f->agency_id, *id);
  ASSERT_TRUE(photo);
  EXPECT_EQ(photo->first.content_type, "image/png");
  EXPECT_EQ(photo->second.find("GPS"), std::string::npos);
  in.photo.reset();
  in.remove_photo = true;
  ASSERT_TRUE(people().save(admin, *id, in));
  EXPECT_FALSE(people().photo(f->agency_id, *id));
}

TEST_F(AboutTest, ThePagesAnswerTheItemsHoldingTheirRoles) {
  auto& disclosure = f->app->get<disclosure::Service>();
  const auto today = make_date(2023, 1, 15);
  auto reg = disclosure.registry(f->agency_id, 2566, today, Lang::th);
  const framework::Framework* fw = reg->framework;
  const std::string executives = fw->by_role(framework::role::executives)->code;
  const std::string structure = fw->by_role(framework::role::structure)->code;
  EXPECT_TRUE(reg->find(executives)->produced.empty()) << "nobody yet: no page to show";
  PersonInput head = person("official", "ปลัดองค์การบริหารส่วนตำบล", "นายปลัด ตัวอย่าง");
  ASSERT_TRUE(people().save(admin, std::nullopt, head));
  reg = disclosure.registry(f->agency_id, 2566, today, Lang::th);
  EXPECT_TRUE(reg->find(executives)->produced.empty()) << "an official is not an executive";
  ASSERT_EQ(reg->find(structure)->produced.size(), 1u);
  EXPECT_EQ(reg->find(structure)->produced[0].url, "/about/structure");
  ASSERT_TRUE(people().save(admin, std::nullopt, person("executive", "นายก", "นายสมชาย ใจดี")));
  reg = disclosure.registry(f->agency_id, 2566, today, Lang::th);
  ASSERT_EQ(reg->find(executives)->produced.size(), 1u);
  EXPECT_EQ(reg->find(executives)->produced[0].url, "/about/executives");
  EXPECT_EQ(reg->find(executives)->produced[0].published_on, calendar::local_date(f->clock->now()));
}

TEST_F(AboutTest, TheDutiesAndTheLawsAreKeptByTheAdminAndBadInputStoresNothing) {
  Texts& texts = f->app->get<Texts>();
  std::int64_t audited = audit_rows();
  ASSERT_TRUE(texts.save_duties(admin, "มีหน้าที่ตามมาตรา 67\r\n(1) จัดให้มีและบำรุงรักษาทางน้ำและทางบก"));
  EXPECT_EQ(texts.text(f->agency_id, Texts::Page::duties).body, "มีหน้าที่ตามมาตรา 67\n(1) จัดให้มีและบำรุงรักษาทางน้ำและทางบก");
  ASSERT_TRUE(texts.save_duties(admin, texts.text(f->agency_id, Texts::Page::duties).body));
  EXPECT_EQ(audit_rows(), audited + 1) << "the same text again changes nothing";
  for (const std::string& bad : {std::string("\xff\xfe"), std::string(kMaxDutiesChars + 1, 'x')}) {
    auto r = texts.save_duties(admin, bad);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "duties");
  }
  auto staff = texts.save_duties(f->principal("staff@example.org"), "อื่น");
  ASSERT_FALSE(staff);
  EXPECT_EQ(staff.error().kind, ErrorKind::forbidden);
  EXPECT_EQ(texts.text(f->agency_id, Texts::Page::duties).body, "มีหน้าที่ตามมาตรา 67\n(1) จัดให้มีและบำรุงรักษาทางน้ำและทางบก");

  auto act = texts.save_law(admin, std::nullopt,
                            {"พระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537", "https://example.org/act", "2"});
  ASSERT_TRUE(act) << act.error().message_key << " " << act.error().field;
  ASSERT_TRUE(texts.save_law(admin, std::nullopt, {"พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540", "", "1"}));
  struct Bad {
    LawInput in;
    std::string field;
  };
  for (const auto& [in, field] : {Bad{{"", "", ""}, "title"}, Bad{{"ก", "javascript:alert(1)", ""}, "url"},
                                  Bad{{"ก", "ftp://example.org/a", ""}, "url"}, Bad{{"ก", "", "-1"}, "sort"}}) {
    auto r = texts.save_law(admin, std::nullopt, in);
    ASSERT_FALSE(r) << field;
    EXPECT_EQ(r.error().field, field);
  }
  std::vector<Law> laws = texts.laws(f->agency_id);
  ASSERT_EQ(laws.size(), 2u);
  EXPECT_EQ(laws[0].title, "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540") << "in the admin's order";
  ASSERT_TRUE(texts.save_law(admin, *act, {"พระราชบัญญัติสภาตำบลฯ", "", "0"}));
  EXPECT_EQ(texts.laws(f->agency_id)[0].title, "พระราชบัญญัติสภาตำบลฯ");
  ASSERT_TRUE(texts.remove_law(admin, *act));
  EXPECT_EQ(texts.laws(f->agency_id).size(), 1u);
  EXPECT_FALSE(texts.remove_law(admin, *act)) << "gone already";
  EXPECT_EQ(audit_rows(), audited + 5);
}

TEST_F(AboutTest, TheDutiesAndTheLawsAnswerTheirItemsInEveryYearsNumbering) {
  Texts& texts = f->app->get<Texts>();
  auto& disclosure = f->app->get<disclosure::Service>();
  const auto today = make_date(2023, 1, 15);
  auto reg = disclosure.registry(f->agency_id, 2566, today, Lang::th);
  const std::string duties = reg->framework->by_role(framework::role::duties)->code;
  const std::string laws = reg->framework->by_role(framework::role::laws)->code;
  EXPECT_EQ(duties, "O3");
  EXPECT_EQ(laws, "O6");
  EXPECT_TRUE(reg->find(duties)->produced.empty());
  ASSERT_TRUE(texts.save_duties(admin, "อำนาจหน้าที่"));
  ASSERT_TRUE(texts.save_law(admin, std::nullopt, {"พระราชบัญญัติ", "", ""}));
  reg = disclosure.registry(f->agency_id, 2566, today, Lang::th);
  ASSERT_EQ(reg->find(duties)->produced.size(), 1u);
  EXPECT_EQ(reg->find(duties)->produced[0].url, "/about/duties");
  ASSERT_EQ(reg->find(laws)->produced.size(), 1u);
  EXPECT_EQ(reg->find(laws)->produced[0].url, "/about/laws");
  EXPECT_EQ(reg->find(laws)->produced[0].published_on, calendar::local_date(f->clock->now()));

  // 2570's O1 asks for the structure and the duties together: both pages answer it.
  reg = disclosure.registry(f->agency_id, 2570, make_date(2026, 12, 6), Lang::th);
  const framework::Item* o1 = reg->framework->by_role(framework::role::duties);
  ASSERT_TRUE(o1);
  EXPECT_TRUE(o1->has_role(framework::role::structure));
  ASSERT_EQ(reg->find(o1->code)->produced.size(), 1u) << "nobody on the structure yet";
  EXPECT_FALSE(reg->framework->by_role(framework::role::laws)) << "no laws item since 2568";

  // The text cleared takes the page down: the item has nothing of Prongsai's again.
  ASSERT_TRUE(texts.save_duties(admin, ""));
  reg = disclosure.registry(f->agency_id, 2566, today, Lang::th);
  EXPECT_TRUE(reg->find(duties)->produced.empty());
}

}  // namespace
}  // namespace prongsai::about
