// Every template compiles in both languages with every [[key]] in the Thai catalogue, English
// has every Thai key, and values are escaped by default.
#include "web/views.hpp"

#include <gtest/gtest.h>

namespace prongsai::web {
namespace {

TEST(Views, AllTemplatesLoadAndCataloguesMatch) {
  Views views;
  EXPECT_GE(views.names().size(), 10u);
  const Strings& s = Strings::instance();
  for (const auto& [key, text] : s.all(Lang::th)) EXPECT_TRUE(s.has(Lang::en, key)) << key;
  for (const auto& [key, text] : s.all(Lang::en)) EXPECT_TRUE(s.has(Lang::th, key)) << key;
}

TEST(Views, ValuesAreEscaped) {
  Views views;
  std::string html = views.render(Lang::th, "site/home", {{"agency", "<script>alert(1)</script>"}});
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

}  // namespace
}  // namespace prongsai::web
