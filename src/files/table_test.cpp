// Tables read from what people download: CSV as RFC 4180 has it (in UTF-8 or Windows-874) and
// a workbook's first sheet; limits and damage refused, never half-read.
#include "files/table.hpp"

#include <gtest/gtest.h>

#include "documents/table_report.hpp"
#include "testing/testing.hpp"

namespace prongsai::files {
namespace {

TEST(Table, CsvAsRfc4180HasIt) {
  auto t = read_csv(
      "\xEF\xBB\xBF"
      "a,\"b, with a comma\",\"c \"\"quoted\"\"\"\r\n\"two\nlines\",,x\ny,z");
  ASSERT_TRUE(t);
  ASSERT_EQ(t->size(), 3u);
  EXPECT_EQ((*t)[0], (std::vector<std::string>{"a", "b, with a comma", "c \"quoted\""}));
  EXPECT_EQ((*t)[1], (std::vector<std::string>{"two\nlines", "", "x"}));
  EXPECT_EQ((*t)[2], (std::vector<std::string>{"y", "z"}));
  EXPECT_EQ(read_csv("a,\"not closed\r\n").error().message_key, "error.table_damaged");
  EXPECT_EQ(read_csv(std::string(5000, 'a')).error().message_key, "error.table_too_large");
  EXPECT_EQ(read_csv(std::string(300, ',')).error().message_key, "error.table_too_large");
  EXPECT_TRUE(read_csv("")->empty());
}

TEST(Table, ThaiWindowsCsvIsConverted) {
  // "ชื่อรายการ,ราคา" in Windows-874.
  auto t = read_csv("\xAA\xD7\xE8\xCD\xC3\xD2\xC2\xA1\xD2\xC3,\xC3\xD2\xA4\xD2\r\n");
  ASSERT_TRUE(t);
  EXPECT_EQ((*t)[0], (std::vector<std::string>{"ชื่อรายการ", "ราคา"}));
  EXPECT_EQ(read_csv("\x81\x82\x83").error().message_key, "error.table_damaged");  // not Windows-874 either
}

TEST(Table, AWorkbooksFirstSheet) {
  documents::TableReport r;
  r.heading = {"หัวเรื่อง"};
  r.columns = {{"ก"}, {"ข"}, {"ค"}};
  r.rows = {{{"1"}, {"สอง"}, {""}}, {{"สาม"}, {}, {"สี่"}}};
  auto t = read_xlsx(documents::render_xlsx(r));
  ASSERT_TRUE(t);
  // The heading merged across the top, a blank row, the header, the rows.
  ASSERT_EQ(t->size(), 5u);
  EXPECT_EQ((*t)[0][0], "หัวเรื่อง");
  EXPECT_EQ((*t)[2], (std::vector<std::string>{"ก", "ข", "ค"}));
  EXPECT_EQ((*t)[3][1], "สอง");
  EXPECT_EQ((*t)[4][2], "สี่");
  EXPECT_FALSE(read_xlsx("PK\x03\x04 not a zip"));
  EXPECT_EQ(column_of("A1"), 0u);
  EXPECT_EQ(column_of("AB12"), 27u);
  EXPECT_EQ(column_of("12"), std::nullopt);
  EXPECT_EQ(column_of("A"), std::nullopt);
  EXPECT_EQ(column_of("AAAA1"), std::nullopt);
}

}  // namespace
}  // namespace prongsai::files
