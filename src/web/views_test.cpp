// Every template compiles in both languages with every [[key]] in the Thai catalogue, English
// has every Thai key, and values are escaped by default.
#include "web/views.hpp"

#include <gtest/gtest.h>

#include "framework/framework.hpp"
#include "http/access.hpp"

namespace prongsai::web {
namespace {

TEST(Views, AllTemplatesLoadAndCataloguesMatch) {
  Views views;
  EXPECT_GE(views.names().size(), 10u);
  const Strings& s = Strings::instance();
  for (const auto& [key, text] : s.all(Lang::th)) EXPECT_TRUE(s.has(Lang::en, key)) << key;
  for (const auto& [key, text] : s.all(Lang::en)) EXPECT_TRUE(s.has(Lang::th, key)) << key;
}

// Labels read by a key made from a vocabulary: each word of it has its label in both languages.
TEST(Views, EveryRoleHasItsLabel) {
  const Strings& s = Strings::instance();
  for (Lang lang : {Lang::th, Lang::en}) {
    for (std::string_view r : framework::role::kAll) EXPECT_TRUE(s.has(lang, "framework.role." + std::string(r))) << r;
    for (http::Role r : http::kAllRoles) EXPECT_TRUE(s.has(lang, "role." + std::string(http::to_string(r))));
  }
}

TEST(Views, ValuesAreEscaped) {
  Views views;
  std::string html = views.render(Lang::th, "website/home", {{"agency", "<script>alert(1)</script>"}});
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
}

TEST(Views, EmptyTextIsFalseInSections) {
  Views views;
  std::string with = views.render(Lang::th, "audit/log", {{"entries", nlohmann::json::array()}, {"more", "42"}});
  std::string without = views.render(Lang::th, "audit/log", {{"entries", nlohmann::json::array()}, {"more", ""}});
  EXPECT_NE(with.find("before=42"), std::string::npos);
  EXPECT_EQ(without.find("before="), std::string::npos);
}

// The public menu in the agency's order of sections, the breadcrumbs it gives a page under it,
// and the tags a shared link shows, escaped.
struct PublicPages : ::testing::Test {
  Views views;
  Look look{{"ita", "news", "about", "services", "complaints", "contact"}, "/look/emblem?v=1", "/look/banner?v=2"};
  Pages pages{views, [this](const http::Request&) { return ShellData{"อบต.นาหม่อม", look}; }};
  void SetUp() override {
    pages.set_public_links({{"news", "pub.announcements", "/news?category=announcement", 20},
                            {"news", "pub.news", "/news", 10},
                            {"ita", "pub.ita", "/ita", 10},
                            {"footer", "website.sitemap", "/sitemap", 90}});
  }
  http::Request at(std::string path) {
    http::Request req;
    req.path = std::move(path);
    req.origin = "https://namom.go.th";
    return req;
  }
};

TEST_F(PublicPages, TheMenuFollowsTheAgencysOrderAndMarksWhereTheReaderIs) {
  nlohmann::json menu = pages.public_menu_for(at("/news/12"), look.sections);
  ASSERT_EQ(menu.size(), 2u) << "sections without links are left out";
  EXPECT_EQ(menu[0]["key"], "ita");
  EXPECT_EQ(menu[1]["key"], "news");
  EXPECT_TRUE(menu[1]["current"].get<bool>());
  EXPECT_EQ(menu[1]["links"][0]["href"], "/news") << "in the links' order";
  EXPECT_TRUE(menu[1]["links"][0]["current"].get<bool>());
  EXPECT_FALSE(menu[0]["current"].get<bool>());
  EXPECT_THROW(pages.set_public_links({{"nowhere", "pub.news", "/x", 0}}), std::logic_error);
}

TEST_F(PublicPages, BreadcrumbsLeadFromTheHomePageThroughTheMenu) {
  nlohmann::json crumbs = pages.breadcrumbs_for(at("/news/12"), look.sections, "ประชุมประชาคม");
  ASSERT_EQ(crumbs.size(), 4u);
  EXPECT_EQ(crumbs[0]["href"], "/");
  EXPECT_EQ(crumbs[1]["label"], "ข่าวสาร");
  EXPECT_EQ(crumbs[2]["href"], "/news");
  EXPECT_EQ(crumbs[3]["label"], "ประชุมประชาคม");
  EXPECT_TRUE(crumbs[3]["current"].get<bool>());
  // On the menu's own page: it is the last crumb. Prefixes count by whole segments only.
  crumbs = pages.breadcrumbs_for(at("/news"), look.sections, "ข่าวประชาสัมพันธ์");
  ASSERT_EQ(crumbs.size(), 3u);
  EXPECT_EQ(crumbs[2]["href"], "");
  EXPECT_TRUE(pages.breadcrumbs_for(at("/newsletter"), look.sections, "x").empty());
  EXPECT_TRUE(pages.breadcrumbs_for(at("/admin/news"), look.sections, "x").empty());
}

TEST_F(PublicPages, SharedLinksShowTitleDescriptionPictureAndTheCanonicalAddressEscaped) {
  http::Request req = at("/news/12");
  std::string html =
      pages
          .page(req, "website/accessibility",
                {{"title", "ข่าว \"ด่วน\" <b>"}, {"preview", {{"description", "a&b"}, {"image", "/news/12/files/3"}}}})
          .body;
  EXPECT_NE(html.find(R"(<meta property="og:title" content="ข่าว &quot;ด่วน&quot; &lt;b&gt;">)"), std::string::npos);
  EXPECT_NE(html.find(R"(<meta property="og:description" content="a&amp;b">)"), std::string::npos);
  EXPECT_NE(html.find(R"(<meta property="og:image" content="https://namom.go.th/news/12/files/3">)"),
            std::string::npos);
  EXPECT_NE(html.find(R"(<link rel="canonical" href="https://namom.go.th/news/12">)"), std::string::npos);
  EXPECT_NE(html.find(R"(<meta name="twitter:card" content="summary_large_image">)"), std::string::npos);
  EXPECT_NE(html.find(R"(aria-current="page">ข่าว &quot;ด่วน&quot; &lt;b&gt;</span>)"), std::string::npos);
  // Without a picture of its own, the agency's.
  html = pages.page(req, "website/accessibility", {{"title", "x"}}).body;
  EXPECT_NE(html.find(R"(content="https://namom.go.th/look/banner?v=2")"), std::string::npos);
  // Without a known address, no absolute URLs at all.
  req.origin.clear();
  html = pages.page(req, "website/accessibility", {{"title", "x"}}).body;
  EXPECT_EQ(html.find("og:url"), std::string::npos);
}

}  // namespace
}  // namespace prongsai::web
