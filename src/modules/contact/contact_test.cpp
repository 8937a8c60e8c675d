// Contact channels on both backends: what the admin may save, what is refused whole, the links
// and QR targets a citizen gets.
#include <gtest/gtest.h>

#include "files/personal_data.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/contact/contact.hpp"
#include "testing/testing.hpp"

namespace prongsai::contact {
namespace {

TEST(ContactLinks, PhonesBecomeTelLinksWithTheirExtension) {
  EXPECT_EQ(tel_href("044 610 000"), "tel:044610000");
  EXPECT_EQ(tel_href("0-4461-0000 ต่อ 12"), "tel:044610000,12");
  EXPECT_EQ(tel_href("044-610000, 081-2345678"), "tel:044610000");
  EXPECT_EQ(tel_href("+66 44 610 000"), "tel:+6644610000");
  Contact c;
  c.phone = "044 610 000";
  c.line = "@namom";
  c.email = "saraban@namom.go.th";
  c.address = "หมู่ 1 ตำบลนาหม่อม";
  c.map_url = "https://maps.app.goo.gl/abc";
  auto links = links_of(c);
  ASSERT_EQ(links.size(), 4u);
  EXPECT_EQ(links[0].href, "tel:044610000");
  EXPECT_EQ(links[1].href, "https://line.me/R/ti/p/@namom");
  EXPECT_EQ(links[2].href, "mailto:saraban@namom.go.th");
  EXPECT_EQ(links[3].kind, "map");
  EXPECT_EQ(links[3].shown, "หมู่ 1 ตำบลนาหม่อม");
}

struct ContactTest : ::testing::Test {
  void SetUp() override { f = testing::Fixture::make(); }
  Contacts& contacts() { return f->app->get<contact::Contacts>(); }
  Contact good() {
    Contact c;
    c.address = "เลขที่ 99 หมู่ 1\nตำบลนาหม่อม อำเภอนาหม่อม จังหวัดสงขลา 90310";
    c.map_url = "https://maps.app.goo.gl/namom";
    c.hours = "จันทร์–ศุกร์ 08.30–16.30 น.";
    c.phone = "0 7430 0000 ต่อ 101";
    c.email = "saraban@namom.go.th";
    c.facebook = "https://www.facebook.com/namom";
    c.line = "@namom";
    c.website = "https://www.namom.go.th";
    c.executives = {{"นายสมชาย ใจดี", "นายก อบต.", "081-000-0000"}, {"", "", ""}, {"นางสมศรี ตั้งใจ", "ปลัด อบต.", ""}};
    return c;
  }
  std::unique_ptr<testing::Fixture> f;
};

TEST_F(ContactTest, TheAdminSavesThemAndBlankExecutiveRowsAreDropped) {
  EXPECT_TRUE(contacts().get(f->agency_id).empty());
  auto admin = f->principal("admin@example.org");
  ASSERT_TRUE(contacts().save(admin, good()));
  Contact saved = contacts().get(f->agency_id);
  EXPECT_EQ(saved.address, good().address);
  EXPECT_EQ(saved.line, "@namom");
  ASSERT_EQ(saved.executives.size(), 2u);
  EXPECT_EQ(saved.executives[1].position, "ปลัด อบต.");
  // Saving again replaces the whole document.
  Contact fewer = good();
  fewer.facebook.clear();
  ASSERT_TRUE(contacts().save(admin, fewer));
  EXPECT_EQ(contacts().get(f->agency_id).facebook, "");
}

TEST_F(ContactTest, WhatTheAgencyPublishesAsItsOwnIsNotAPersonsDataToTheScan) {
  Contact c = good();
  c.phone = "0 7430 0000 ต่อ 101, 081-234-5678";
  c.fax = "(074) 300-001";
  c.email = "saraban.namom@gmail.com";
  ASSERT_TRUE(contacts().save(f->principal("admin@example.org"), c));
  files::Allowed own = f->app->get<accounts::Service>().own_contacts(f->agency_id);
  EXPECT_EQ(own.phones, (std::vector<std::string>{"074300000", "0812345678", "074300001"}));
  files::PublishCheck check = files::check_publishing(
      {{"ข่าว", "ติดต่อ 074-300-000 หรือ saraban.namom@gmail.com ผู้ประสานงาน 089-111-2222 somsri@gmail.com"}}, {}, own);
  ASSERT_EQ(check.places.size(), 1u);
  std::vector<std::string> lines = check.lines(Lang::th);
  ASSERT_EQ(lines.size(), 2u) << "the agency's own number and address are left alone";
  EXPECT_NE(lines[0].find("089-xxx-2222"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find("so***@gmail.com"), std::string::npos) << lines[1];
}

TEST_F(ContactTest, BadFieldsAndOtherRolesAreRefusedWithNothingSaved) {
  auto admin = f->principal("admin@example.org");
  ASSERT_TRUE(contacts().save(admin, good()));
  auto audit = [&] {
    return f->app->store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM audit_log"); });
  };
  std::int64_t before = audit();
  struct Case {
    const char* field;
    void (*spoil)(Contact&);
  };
  const Case cases[] = {
      {"map_url", [](Contact& c) { c.map_url = "javascript:alert(1)"; }},
      {"facebook", [](Contact& c) { c.facebook = "facebook.com/namom"; }},
      {"line", [](Contact& c) { c.line = "namom"; }},
      {"line", [](Contact& c) { c.line = "@na mom"; }},
      {"email", [](Contact& c) { c.email = "saraban at namom"; }},
      {"phone", [](Contact& c) { c.phone = "โทรหาได้ตลอด"; }},
      {"exec_name_1", [](Contact& c) { c.executives[1].phone = "081"; }},
      {"exec_phone_0", [](Contact& c) { c.executives[0].phone = "ไม่มี"; }},
      {"address", [](Contact& c) { c.address = std::string(501, 'x'); }},
      {"hours", [](Contact& c) { c.hours = "เปิด\x01ปิด"; }},
  };
  for (const Case& k : cases) {
    Contact c = good();
    c.website = "https://changed.example";
    k.spoil(c);
    auto r = contacts().save(admin, c);
    ASSERT_FALSE(r) << k.field;
    EXPECT_EQ(r.error().field, k.field);
  }
  EXPECT_EQ(contacts().save(f->principal("staff@example.org"), good()).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(contacts().save(f->principal("executive@example.org"), good()).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(audit(), before);
  EXPECT_EQ(contacts().get(f->agency_id).website, "https://www.namom.go.th");
}

}  // namespace
}  // namespace prongsai::contact
