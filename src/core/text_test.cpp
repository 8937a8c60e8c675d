// Input text: UTF-8 validation, control characters, NFC and Thai typing fixes.
#include "core/text.hpp"

#include <gtest/gtest.h>

namespace prongsai::text {
namespace {

TEST(Text, RefusesInvalidUtf8) {
  EXPECT_FALSE(is_valid_utf8("\xC3\x28"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // a surrogate
  EXPECT_TRUE(is_valid_utf8("นาหม่อม"));
  auto r = clean("\xFF\xFE");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message_key, "error.bad_utf8");
}

TEST(Text, RefusesControlCharactersButKeepsLinesInTextAreas) {
  EXPECT_FALSE(clean(std::string("a\0b", 3)));
  EXPECT_FALSE(clean("a\nb", Lines::single));
  EXPECT_EQ(*clean("a\r\nb\rc\td", Lines::multiple), "a\nb\nc\td");
  EXPECT_FALSE(clean("a\x1b[31m", Lines::multiple));
}

TEST(Text, NormalisesToNfcAndTrims) {
  EXPECT_EQ(*clean("  e\xCC\x81  "), "\xC3\xA9");  // e + combining acute → é
  EXPECT_EQ(*clean("\xC2\xA0สำนักปลัด\xE2\x80\x8B"), "สำนักปลัด");
}

TEST(Text, FixesThaiAsTyped) {
  EXPECT_EQ(normalize_thai("น\u0E4D\u0E32"), "น\u0E33");              // ํ + า → ำ
  EXPECT_EQ(normalize_thai("น\u0E4D\u0E49\u0E32"), "น\u0E49\u0E33");  // ํ + ้ + า → ้ + ำ
  EXPECT_EQ(normalize_thai("น\u0E33\u0E49"), "น\u0E49\u0E33");        // ำ + ้ → ้ + ำ
  EXPECT_EQ(normalize_thai("ก\u0E48\u0E35"), "ก\u0E35\u0E48");        // tone before vowel → after
  EXPECT_EQ(normalize_thai("ก\u0E48\u0E48"), "ก\u0E48");              // doubled tone mark
  EXPECT_EQ(normalize_thai("การตรวจสอบ"), "การตรวจสอบ");
}

TEST(Text, SplitKeepsEmptyPartsAndWithoutSpacesJoinsBrokenWords) {
  EXPECT_EQ(split("a\n\nb", '\n'), (std::vector<std::string_view>{"a", "", "b"}));
  EXPECT_EQ(split("", '\n'), (std::vector<std::string_view>{""}));
  EXPECT_EQ(without_spaces("สำนัก ปลัด\tกอง\r\nคลัง"), "สำนักปลัดกองคลัง");
}

TEST(Text, CountsCodePoints) {
  EXPECT_EQ(code_points("ผล"), 2u);
  EXPECT_EQ(code_points("ที่"), 3u);
  EXPECT_EQ(code_points("abc"), 3u);
}

}  // namespace
}  // namespace prongsai::text

namespace prongsai::text {
namespace {

TEST(Text, FixedGivesTheDecimalsAsked) {
  EXPECT_EQ(text::fixed(83.5, 2), "83.50");
  EXPECT_EQ(text::fixed(30.000000000000004, 0), "30");
  EXPECT_EQ(text::fixed(59.94, 1), "59.9");
}

TEST(Text, SnakeNamesAreLowerCaseLettersDigitsAndUnderscoresOnly) {
  EXPECT_TRUE(is_snake_name("confirm_password"));
  EXPECT_TRUE(is_snake_name("f_3"));
  for (std::string_view bad : {"", "Email", "items[3]", "a.b", "a-b", "ชื่อ", "a b"})
    EXPECT_FALSE(is_snake_name(bad)) << bad;
}

TEST(Text, WebLinksAreHttpOrHttpsOnly) {
  EXPECT_TRUE(is_web_link("https://www.example.go.th/o24.pdf"));
  EXPECT_TRUE(is_web_link("HTTP://example.go.th"));
  for (const char* bad : {"javascript:alert(1)", "data:text/html,x", "ftp://example.go.th", "https://", "http://a",
                          "https://x.th/\"onmouseover=", "https://x.th/ a", "//example.go.th", "example.go.th"}) {
    EXPECT_FALSE(is_web_link(bad)) << bad;
  }
}

TEST(Text, SitePathsNameNoOtherHost) {
  EXPECT_TRUE(is_site_path("/library/12"));
  EXPECT_TRUE(is_site_path("/news?year=2570"));
  for (const char* bad : {"", "/", "//example.go.th/x", "library/12", "https://example.go.th/", "/a b",
                          "/x\"onmouseover=", "/\\example.go.th"}) {
    EXPECT_FALSE(is_site_path(bad)) << bad;
  }
}

}  // namespace
}  // namespace prongsai::text
