// The agency's look on both backends: the colour judged by its contrast, the menu's order, the
// mourning period and the EIT window with the days they start and end, pictures judged by
// their bytes, bad input storing nothing, and every save audited.
#include "modules/website/website.hpp"

#include <gtest/gtest.h>

#include "framework/framework.hpp"
#include "testing/testing.hpp"
#include "web/evidence.hpp"
#include "web/website.hpp"

namespace prongsai::website {
namespace {

using calendar::make_date;

struct WebsiteTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make();
    admin = f->principal("admin@example.org");
  }
  Service& looks() { return f->app->get<Service>(); }
  std::int64_t audit_rows() {
    return f->app->store().read([](store::ReadTx& tx) { return tx.count("SELECT COUNT(*) FROM audit_log"); });
  }
  std::unique_ptr<testing::Fixture> f;
  http::Principal admin;
};

TEST(CheckColour, RefusesAColourTextCannotBeReadOnAndSaysTheRatio) {
  EXPECT_EQ(*check_colour(" #0B4F8A "), "#0b4f8a");
  EXPECT_EQ(*check_colour(""), "");
  for (const PaletteColour& c : kPalette) EXPECT_TRUE(check_colour(c.hex)) << c.hex;
  auto yellow = check_colour("#ffcc00");
  ASSERT_FALSE(yellow);
  EXPECT_EQ(yellow.error().message_key, "error.colour_contrast");
  EXPECT_EQ(yellow.error().field, "colour");
  EXPECT_EQ(yellow.error().shown, "1.39:1");
  // Just under AA on the cards' tint, though over it on white.
  auto grey = check_colour("#757575");
  ASSERT_FALSE(grey);
  EXPECT_EQ(grey.error().shown, "4.24:1");
  EXPECT_EQ(check_colour("red").error().message_key, "error.colour");
  EXPECT_EQ(check_colour("#12345").error().message_key, "error.colour");
}

TEST(LookPeriods, MourningAndTheEitWindowHoldFromTheirFirstDayToTheirLast) {
  Look l;
  l.mourning_from = "2026-10-13";
  l.mourning_until = "2026-11-12";
  EXPECT_FALSE(l.mourning_on(make_date(2026, 10, 12)));
  EXPECT_TRUE(l.mourning_on(make_date(2026, 10, 13)));
  EXPECT_TRUE(l.mourning_on(make_date(2026, 11, 12)));
  EXPECT_FALSE(l.mourning_on(make_date(2026, 11, 13)));
  l.eit_from = "2026-05-01";
  l.eit_until = "2026-06-30";
  EXPECT_FALSE(l.eit_open(make_date(2026, 5, 10))) << "no link, no banner";
  l.eit_url = "https://itas.nacc.go.th/go/eit/abc";
  EXPECT_TRUE(l.eit_open(make_date(2026, 5, 10)));
  EXPECT_FALSE(l.eit_open(make_date(2026, 7, 1)));
  // The home page is made again at each of these midnights (Thailand time).
  std::int64_t before = calendar::start_of_day(make_date(2026, 4, 1));
  EXPECT_EQ(l.next_change(before), calendar::start_of_day(make_date(2026, 5, 1)));
  EXPECT_EQ(l.next_change(calendar::start_of_day(make_date(2026, 5, 1))),
            calendar::start_of_day(make_date(2026, 7, 1)));
  EXPECT_EQ(l.next_change(calendar::start_of_day(make_date(2026, 10, 20))),
            calendar::start_of_day(make_date(2026, 11, 13)));
  EXPECT_FALSE(l.next_change(calendar::start_of_day(make_date(2026, 12, 1))));
}

TEST_F(WebsiteTest, ANewAgencyHasProngsaisLookAndTheSectionsInTheirFirstOrder) {
  Look l = looks().look(f->agency_id);
  EXPECT_EQ(l.colour, "");
  EXPECT_EQ(l.sections, std::vector<std::string>(std::begin(web::kPublicSections), std::end(web::kPublicSections)));
  EXPECT_EQ(l.updated_at, 0);
}

TEST_F(WebsiteTest, TheAdminSavesTheLookAuditedAndBadInputStoresNothing) {
  std::int64_t audited = audit_rows();
  LookInput in;
  in.colour = "#1D5E3A";
  in.tagline = "  ตำบลน่าอยู่ ประชาชนมีส่วนร่วม ";
  in.section_order = {"2", "3", "4", "1", "5", "6"};  // ITA first
  in.mourning_from = "2026-10-13";
  in.mourning_until = "2026-11-12";
  in.eit_url = "https://itas.nacc.go.th/go/eit/namom";
  in.eit_from = "2027-05-01";
  in.eit_until = "2027-06-30";
  std::string png = testing::png_with_text("GPS 13.7 100.5");  // the upload is a view of it
  in.emblem = files::Upload{"emblem.png", png};
  auto r = looks().save(admin, in);
  ASSERT_TRUE(r) << r.error().message_key << " " << r.error().field << " " << r.error().detail;
  Look l = looks().look(f->agency_id);
  EXPECT_EQ(l.colour, "#1d5e3a");
  EXPECT_EQ(l.tagline, "ตำบลน่าอยู่ ประชาชนมีส่วนร่วม");
  EXPECT_EQ(l.sections, (std::vector<std::string>{"ita", "about", "news", "services", "complaints", "contact"}));
  EXPECT_EQ(l.mourning_until, "2026-11-12");
  EXPECT_EQ(l.eit_url, "https://itas.nacc.go.th/go/eit/namom");
  EXPECT_EQ(audit_rows(), audited + 1);
  auto emblem = looks().picture(f->agency_id, Service::Picture::emblem);
  ASSERT_TRUE(emblem);
  EXPECT_EQ(emblem->first.content_type, "image/png");
  EXPECT_EQ(emblem->second.find("GPS"), std::string::npos) << "what an editor wrote in it is gone";
  EXPECT_FALSE(looks().picture(f->agency_id, Service::Picture::banner));
  EXPECT_EQ(picture_url(l.emblem, "emblem"), "/look/emblem?v=" + l.emblem.sha256.substr(0, 12));

  // The same again changes nothing and writes nothing.
  in.emblem.reset();
  ASSERT_TRUE(looks().save(admin, in));
  EXPECT_EQ(audit_rows(), audited + 1);

  struct Bad {
    LookInput in;
    std::string field, key;
  };
  auto with = [&](auto change) {
    LookInput b = in;
    change(b);
    return b;
  };
  std::string pdf = "%PDF-1.4 not a picture";
  for (const Bad& bad : {
           Bad{with([](LookInput& b) { b.colour = "#ffff00"; }), "colour", "error.colour_contrast"},
           Bad{with([](LookInput& b) { b.colour = "blue"; }), "colour", "error.colour"},
           Bad{with([](LookInput& b) { b.section_order[2] = "7"; }), "order_services", "error.number"},
           Bad{with([](LookInput& b) { b.tagline = std::string(201, 'x'); }), "tagline", "error.too_long"},
           Bad{with([](LookInput& b) { b.mourning_until = ""; }), "mourning_until", "error.period_both"},
           Bad{with([](LookInput& b) { b.mourning_until = "2026-10-01"; }), "mourning_until", "error.date_order"},
           Bad{with([](LookInput& b) { b.mourning_from = "13/10/2569"; }), "mourning_from", "error.date"},
           Bad{with([](LookInput& b) { b.eit_url = "javascript:alert(1)"; }), "eit_url", "error.url"},
           Bad{with([](LookInput& b) { b.eit_url = ""; }), "eit_url", "error.eit_link_needed"},
           Bad{with([&](LookInput& b) {
                 b.banner = files::Upload{"banner.png", pdf};
               }),
               "banner", "error.not_an_image"},
       }) {
    auto refused = looks().save(admin, bad.in);
    ASSERT_FALSE(refused) << bad.field;
    EXPECT_EQ(refused.error().field, bad.field);
    EXPECT_EQ(refused.error().message_key, bad.key) << bad.field;
  }
  EXPECT_EQ(audit_rows(), audited + 1);
  EXPECT_EQ(looks().look(f->agency_id).colour, "#1d5e3a");

  // Only an admin.
  http::Principal staff = f->principal("integrity@example.org");
  auto denied = looks().save(staff, in);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().kind, ErrorKind::forbidden);

  // Removing the emblem; the colour back to Prongsai's.
  in.remove_emblem = true;
  in.colour = "";
  ASSERT_TRUE(looks().save(admin, in));
  l = looks().look(f->agency_id);
  EXPECT_TRUE(l.emblem.sha256.empty());
  EXPECT_EQ(l.colour, "");
  EXPECT_EQ(audit_rows(), audited + 2);
}

TEST_F(WebsiteTest, TheAgencysWordsOnItsNoticesAreCheckedAuditedAndDateThePrivacyNotice) {
  std::int64_t audited = audit_rows();
  EXPECT_EQ(looks().text(f->agency_id, Page::privacy).changed_at, 0);
  // Not reviewed: the notice answers no OIT item yet.
  web::EvidenceQuery q;
  q.agency_id = f->agency_id;
  q.assessment_year = 2566;
  q.about = calendar::FiscalYear(2566);
  q.today = calendar::local_date(f->clock->now());
  EXPECT_TRUE(web::produce_evidence(f->app->host(), framework::role::privacy, q).empty());

  // Saved once, even empty, the privacy part dates the notice: the admin has reviewed it.
  ASSERT_TRUE(looks().save_texts(admin, {{Page::privacy, ""}, {Page::website_policy, ""}}));
  EXPECT_EQ(audit_rows(), audited + 1);
  EXPECT_EQ(looks().text(f->agency_id, Page::privacy).changed_at, f->clock->now());
  auto produced = web::produce_evidence(f->app->host(), framework::role::privacy, q);
  ASSERT_EQ(produced.size(), 1u);
  EXPECT_EQ(produced[0].url, "/privacy");
  EXPECT_EQ(produced[0].changed_on, calendar::local_date(f->clock->now()));
  ASSERT_TRUE(looks().save_texts(admin, {{Page::privacy, ""}}));
  EXPECT_EQ(audit_rows(), audited + 1) << "unchanged after the first review: nothing written";

  ASSERT_TRUE(looks().save_texts(
      admin, {{Page::privacy, "ผู้ควบคุมข้อมูล: อบต.ทดสอบ\r\nDPO: ปลัด"}, {Page::security_policy, "นโยบายของหน่วยงานเอง"}}));
  EXPECT_EQ(audit_rows(), audited + 3) << "one audited change per page that changed";
  EXPECT_EQ(looks().text(f->agency_id, Page::privacy).body, "ผู้ควบคุมข้อมูล: อบต.ทดสอบ\nDPO: ปลัด");
  EXPECT_EQ(looks().text(f->agency_id, Page::security_policy).body, "นโยบายของหน่วยงานเอง");

  // Too long on one page: nothing saved on any.
  auto refused = looks().save_texts(
      admin, {{Page::website_policy, "ใหม่"}, {Page::security_policy, std::string(kMaxTextChars + 1, 'x')}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "security_policy");
  EXPECT_EQ(looks().text(f->agency_id, Page::website_policy).body, "");
  EXPECT_EQ(audit_rows(), audited + 3);
  EXPECT_EQ(looks().save_texts(f->principal("integrity@example.org"), {{Page::privacy, "x"}}).error().kind,
            ErrorKind::forbidden);
}

}  // namespace
}  // namespace prongsai::website
