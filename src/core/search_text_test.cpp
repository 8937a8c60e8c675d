#include "core/search_text.hpp"

#include <gtest/gtest.h>

#include "core/text.hpp"

namespace prongsai::search {
namespace {

// An excerpt written out with [brackets] around the hits and … where it was cut.
std::string shown(const Excerpt& e) {
  std::string out = e.cut_before ? "…" : "";
  for (const Segment& s : e.segments) out += s.hit ? "[" + s.text + "]" : s.text;
  return out + (e.cut_after ? "…" : "");
}

TEST(SearchText, FoldingDropsSpacesAndJoinersAndFoldsDigitsAndCase) {
  EXPECT_EQ(text::to_utf8(fold("สำนัก ปลัด\u200B ITA ๒๕๖๖")), "สำนักปลัดita2566");
  EXPECT_EQ(text::to_utf8(fold(" \t\n")), "");
}

TEST(SearchText, HighlightMarksEveryMatchInTheOriginalSpelling) {
  EXPECT_EQ(shown(highlight("ผลการสอบ และผลการคัดเลือก", fold("ผล"))), "[ผล]การสอบ และ[ผล]การคัดเลือก");
  EXPECT_EQ(shown(highlight("สำนัก ปลัด", fold("กป"))), "สำนั[ก ป]ลัด");
  EXPECT_EQ(shown(highlight("Report ๒๕๖๖", fold("2566"))), "Report [๒๕๖๖]");
  EXPECT_EQ(shown(highlight("ita ITA", fold("ITA"))), "[ita] [ITA]");
  EXPECT_EQ(shown(highlight("ไม่มี", fold("ก"))), "ไม่มี");
}

TEST(SearchText, AMatchTakesInTheMarksOfItsLastLetter) {
  // ก alone in กิ่ง: the vowel and tone marks above it stay with it.
  EXPECT_EQ(shown(highlight("กิ่งไม้", fold("ก"))), "[กิ่]งไม้");
  // A query that starts with a mark reaches back to its letter.
  EXPECT_EQ(shown(highlight("น้ำ", fold("\u0E49"))), "[น้]ำ");
}

TEST(SearchText, AnExcerptShowsTheFirstMatchWithSomeTextBefore) {
  std::string text(300, 'a');
  text += " ประกาศผล ";
  text += std::string(300, 'b');
  Excerpt e = excerpt(text, fold("ผล"), 80);
  EXPECT_TRUE(e.cut_before);
  EXPECT_TRUE(e.cut_after);
  EXPECT_TRUE(e.has_hit());
  EXPECT_NE(shown(e).find("ประกาศ[ผล]"), std::string::npos) << shown(e);
  // No match: the start of the text.
  Excerpt start = excerpt("หนึ่ง\nสอง", fold("ก"), 80);
  EXPECT_EQ(shown(start), "หนึ่ง สอง");
}

TEST(SearchText, AnExcerptNeverStartsOrEndsInsideALetterWithItsMarks) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "กิ่";
  text += "ผล";
  Excerpt e = excerpt(text, fold("ผล"), 20);
  std::string s = shown(e);
  ASSERT_GT(s.size(), 3u);
  EXPECT_EQ(s.substr(0, 6), "…ก") << s;
}

}  // namespace
}  // namespace prongsai::search
