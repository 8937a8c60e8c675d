// The personal-data scan: a Thai ID number is found only when its check digit holds (and not a
// company's tax number, which begins with 0), written whole, in its groups or in Thai digits;
// phones and e-mail addresses too, but not the agency's own, nor amounts, dates or e-GP
// numbers; and the same in the text of a PDF (with its page), a DOCX, an XLSX and a PNG read by
// OCR. A PDF without text cannot be vouched for.
#include "files/personal_data.hpp"

#include <gtest/gtest.h>

#include "documents/picture.hpp"
#include "documents/table_report.hpp"
#include "documents/xml.hpp"

namespace prongsai::files {
namespace {

// Worked by hand: 1·13 + 1·12 + 0·11 + 1·10 + 7·9 + 0·8 + 0·7 + 2·6 + 3·5 + 0·4 + 7·3 + 0·2 = 146;
// 146 mod 11 = 3; (11 − 3) mod 10 = 8.
constexpr const char* kId = "1101700230708";
constexpr const char* kWrongCheck = "1101700230705";

std::vector<std::string> shown(const PersonalScan& s, PersonalKind kind) {
  std::vector<std::string> out;
  for (const Finding& f : s.findings)
    if (f.kind == kind) out.push_back(f.shown);
  return out;
}

documents::TableReport table_with(const std::string& text) {
  documents::TableReport r;
  r.title = "รายชื่อผู้ได้รับเบี้ยยังชีพ";
  r.heading = {r.title};
  r.columns = {{"ลำดับ"}, {"ชื่อ"}, {"เลขประจำตัวประชาชน"}};
  r.rows = {{{"1"}, {"นายสมชาย ใจดี"}, {text}}};
  return r;
}

TEST(PersonalData, TheCheckDigitTellsAnIdNumberFromAnyThirteenDigits) {
  EXPECT_TRUE(valid_thai_id(kId));
  EXPECT_FALSE(valid_thai_id(kWrongCheck));
  EXPECT_TRUE(valid_thai_id("3100600123450"));
  EXPECT_FALSE(valid_thai_id("110170023070"));
  EXPECT_FALSE(valid_thai_id("110170023070x"));
}

TEST(PersonalData, IdNumbersAreFoundAsPeopleWriteThem) {
  for (const char* text : {"เลขประจำตัว 1101700230708 ที่อยู่", "เลขประจำตัว 1-1017-00230-70-8", "เลขที่ 1 1017 00230 70 8",
                           "เลข ๑๑๐๑๗๐๐๒๓๐๗๐๘"}) {
    PersonalScan s = scan_text(text);
    EXPECT_EQ(shown(s, PersonalKind::thai_id), std::vector<std::string>{"1-1017-xxxxx-xx-8"}) << text;
  }
  EXPECT_TRUE(scan_text(std::string("เลข ") + kWrongCheck).findings.empty()) << "a wrong check digit";
  EXPECT_TRUE(scan_text("เลขประจำตัวผู้เสียภาษี 0105550123451").findings.empty()) << "a company's";
  EXPECT_TRUE(scan_text("1101 7002 30708").findings.empty()) << "not the ID's groups";
  EXPECT_EQ(scan_text("1-101 7-00230-70-8").findings.size(), 1u) << "dashed, as OCR reads it with a space slipped in";
  EXPECT_TRUE(scan_text("ลำดับ 11017002307081").findings.empty()) << "fourteen digits";
  PersonalScan twice = scan_text(std::string(kId) + " และอีกครั้ง " + kId);
  EXPECT_EQ(twice.findings.size(), 1u) << "each number once";
}

TEST(PersonalData, PhonesAndAddressesButNotTheAgencysOwnNorFigures) {
  Allowed own{{"053123456"}, {"namom.go.th"}};
  PersonalScan s = scan_text(
      "ติดต่อ 081-234-5678 หรือ 02 123 4567 หรือ +66 91 234 5678; อีเมล somchai.j@gmail.com. "
      "สำนักงาน 053-123-456 saraban@namom.go.th; งบประมาณ 1,234,567.50 บาท เมื่อ 10/01/2567 "
      "เลขที่โครงการ 67019000001",
      own);
  EXPECT_EQ(shown(s, PersonalKind::phone), (std::vector<std::string>{"081-xxx-5678", "021-xxx-4567", "091-xxx-5678"}));
  EXPECT_EQ(shown(s, PersonalKind::email), std::vector<std::string>{"so***@gmail.com"});
  EXPECT_TRUE(shown(s, PersonalKind::thai_id).empty());
  EXPECT_TRUE(scan_text("ประชุมวันที่ 5 มี.ค. 2567 เวลา 09.30 น. ห้อง 2").findings.empty());
}

TEST(PersonalData, TheTextOfAPdfADocxAndAnXlsxIsScanned) {
  const documents::TableReport r = table_with("1-1017-00230-70-8");
  PersonalScan pdf = scan_file(documents::render_pdf(r), {"application/pdf", "pdf", true});
  EXPECT_TRUE(pdf.readable);
  ASSERT_EQ(pdf.findings.size(), 1u);
  EXPECT_EQ(pdf.findings[0].shown, "1-1017-xxxxx-xx-8");
  EXPECT_EQ(pdf.findings[0].page, 1);
  PersonalScan docx = scan_file(documents::render_docx(r),
                                {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"});
  EXPECT_EQ(shown(docx, PersonalKind::thai_id), std::vector<std::string>{"1-1017-xxxxx-xx-8"});
  PersonalScan xlsx = scan_file(documents::render_xlsx(table_with(kId)),
                                {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"});
  EXPECT_EQ(shown(xlsx, PersonalKind::thai_id), std::vector<std::string>{"1-1017-xxxxx-xx-8"});
  PersonalScan clean = scan_file(documents::render_pdf(table_with(kWrongCheck)), {"application/pdf", "pdf", true});
  EXPECT_TRUE(clean.readable);
  EXPECT_TRUE(clean.findings.empty());
}

// An office part is read as a stream: a million empty paragraphs before the number cost no
// memory to speak of, and the number after them is still found.
TEST(PersonalData, ALongOfficePartIsReadAsAStream) {
  std::string body;
  for (int i = 0; i < 1'000'000; ++i) body += "<w:p/>";
  const std::string docx =
      documents::zip_parts({{"[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"},
                            {"word/document.xml",
                             "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                             "<w:body>" +
                                 body +
                                 "<w:p><w:r><w:t>1-1017-</w:t></w:r><w:r><w:t>00230-70-8</w:t></w:r></w:p>"
                                 "</w:body></w:document>"}});
  PersonalScan s = scan_file(docx, {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"});
  EXPECT_TRUE(s.readable);
  EXPECT_EQ(shown(s, PersonalKind::thai_id), std::vector<std::string>{"1-1017-xxxxx-xx-8"})
      << "runs joined as they stand";
}

TEST(PersonalData, AnImageIsReadByOcr) {
  const std::string png =
      documents::title_picture_png("เลขประจำตัวประชาชน 1-1017-00230-70-8", "โทร 081-234-5678", 0x0b4f8a);
  PersonalScan s = scan_file(png, {"image/png", "png", true});
  EXPECT_TRUE(s.readable);
  EXPECT_EQ(shown(s, PersonalKind::thai_id), std::vector<std::string>{"1-1017-xxxxx-xx-8"});
  EXPECT_EQ(shown(s, PersonalKind::phone), std::vector<std::string>{"081-xxx-5678"});
}

TEST(PersonalData, WhatCannotBeReadIsSaidSo) {
  EXPECT_FALSE(scan_file("%PDF-1.4\n%%EOF\n", {"application/pdf", "pdf", true}).readable);
  EXPECT_FALSE(scan_file("not a picture", {"image/png", "png", true}).readable);
  EXPECT_FALSE(scan_file("PK\x03\x04 broken", {"application/vnd.oasis.opendocument.text", "odt"}).readable);
  EXPECT_TRUE(scan_file("<svg/>", {"image/svg+xml", "svg", true}).findings.empty());
}

}  // namespace
}  // namespace prongsai::files
