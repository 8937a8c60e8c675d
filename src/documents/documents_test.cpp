#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "documents/chart.hpp"
#include "documents/csv.hpp"
#include "documents/picture.hpp"
#include "documents/qr.hpp"
#include "documents/table_report.hpp"
#include "documents/xml.hpp"
#include "testing/testing.hpp"

namespace prongsai::documents {
namespace {

using testing::run_on_file;
using testing::without_whitespace;

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

// A report long enough for several pages, with paragraphs long enough to wrap.
TableReport sample() {
  TableReport r;
  r.title = "รายงานทดสอบ";
  r.author = "องค์การบริหารส่วนตำบลทดสอบ";
  r.heading = {"รายงานผลการดำเนินการ", "ประจำปีงบประมาณ พ.ศ. 2566"};
  r.cover = {"จัดทำโดย", "สำนักปลัด", "องค์การบริหารส่วนตำบลทดสอบ"};
  r.intro = "รายงานนี้ใช้ทดสอบการจัดหน้า <b>ไม่ใช่แท็ก</b> & เครื่องหมายพิเศษ";
  r.columns = {{"ประเด็น", 1.5, true}, {"หน่วยรับผิดชอบ", 1, true}, {"ขั้นตอน", 2.5, true}, {"สรุปผล", 2, false}};
  for (int i = 1; i <= 24; ++i) {
    std::string n = std::to_string(i);
    Cell steps;
    for (int s = 1; s <= 3; ++s) {
      steps.push_back(std::to_string(s) + ".ขั้นตอนที่" + std::to_string(s) + "ของแถว" + n +
                      " เจ้าหน้าที่ผู้รับผิดชอบดำเนินการแล้วรายงานผู้บริหาร เพื่อเผยแพร่บนเว็บไซต์ให้เป็นปัจจุบัน");
    }
    std::string summary;
    for (int k = 0; k < 12; ++k) summary += "ผลการดำเนินงานเป็นไปตามแผนที่กำหนดไว้ทุกประการ ";
    r.rows.push_back({{"ข้อ O" + n, "แถวที่" + n}, {"สำนักปลัด"}, steps, {summary + "จบแถว" + n}});
  }
  return r;
}

TEST(Pdf, RepeatsTheHeaderOnEveryPageAndKeepsEveryStepWhole) {
  TableReport r = sample();
  std::string pdf = render_pdf(r);
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  std::string pages_text = run_on_file("pdfinfo {}", pdf);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(pages_text, m, std::regex("Pages:\\s+(\\d+)")));
  int pages = std::stoi(m[1]);
  EXPECT_GE(pages, 3);
  EXPECT_TRUE(std::regex_search(pages_text, std::regex("Page size:\\s+841.89 x 595.28"))) << pages_text;

  std::string text = without_whitespace(run_on_file("pdftotext -raw -enc UTF-8 {} -", pdf));
  EXPECT_EQ(count(text, "หน่วยรับผิดชอบ"), static_cast<std::size_t>(pages)) << "the header row on every page";
  EXPECT_NE(text.find("หน้า" + std::to_string(pages) + "/" + std::to_string(pages)), std::string::npos);
  for (const auto& row : r.rows) {
    for (const Cell& cell : {row[0], row[2]}) {
      for (const std::string& p : cell) EXPECT_NE(text.find(without_whitespace(p)), std::string::npos) << p;
    }
  }
  EXPECT_NE(text.find(without_whitespace(r.intro)), std::string::npos);
}

TEST(Pdf, ATallCellStillRenders) {
  TableReport r = sample();
  r.rows.resize(1);
  std::string huge;
  for (int k = 0; k < 400; ++k) huge += "ข้อความยาวมาก ";
  r.rows[0][2] = {huge};  // a kept paragraph taller than a page must still break
  std::string text = without_whitespace(run_on_file("pdftotext -raw -enc UTF-8 {} -", render_pdf(r)));
  EXPECT_EQ(count(text, "ข้อความยาวมาก"), 400u);
}

TEST(Docx, IsAPackageOfWellFormedPartsWithARepeatedHeaderRow) {
  TableReport r = sample();
  std::string docx = render_docx(r);
  for (const char* part : {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml",
                           "word/styles.xml", "word/footer1.xml", "docProps/core.xml"}) {
    auto xml = unzip_part(docx, part);
    ASSERT_TRUE(xml) << part;
    run_on_file("xmllint --noout {}", *xml);
  }
  std::string doc = *unzip_part(docx, "word/document.xml");
  EXPECT_EQ(count(doc, "<w:tblHeader/>"), 1u);
  EXPECT_NE(doc.find("w:orient=\"landscape\""), std::string::npos);
  EXPECT_NE(doc.find("&lt;b&gt;ไม่ใช่แท็ก&lt;/b&gt; &amp;"), std::string::npos);
  EXPECT_EQ(count(doc, "<w:tr>"), r.rows.size() + 1);
  for (const auto& row : r.rows) EXPECT_NE(doc.find(row[2][1]), std::string::npos);
}

TEST(Xlsx, HoldsEveryCellAndRepeatsTheHeaderWhenPrinted) {
  TableReport r = sample();
  std::string xlsx = render_xlsx(r);
  auto strings = unzip_part(xlsx, "xl/sharedStrings.xml");
  auto workbook = unzip_part(xlsx, "xl/workbook.xml");
  auto sheet = unzip_part(xlsx, "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(strings && workbook && sheet);
  EXPECT_NE(workbook->find("_xlnm.Print_Titles"), std::string::npos);
  EXPECT_NE(sheet->find("orientation=\"landscape\""), std::string::npos);
  for (const auto& row : r.rows) EXPECT_NE(strings->find(row[0][0]), std::string::npos);
  // Row heights are set: a spreadsheet does not grow rows for wrapped text by itself.
  EXPECT_NE(sheet->find("customHeight=\"1\""), std::string::npos);
}

TEST(Html, EscapesTextAndCarriesEveryRow) {
  TableReport r = sample();
  r.rows[0][0][0] = "<script>alert(1)</script>";
  std::string html = render_html(r);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<html lang=\"th\">"), std::string::npos);
  EXPECT_EQ(count(html, "<tr>"), r.rows.size() + 1);
}

TEST(Csv, QuotesTextCellsOrOnlyWhatNeedsIt) {
  std::vector<CsvRow> rows = {{std::string("ข้อ 1"), std::int64_t{4}, std::monostate{}},
                              {std::string("say \"hi\""), std::string("a,b"), std::string("two\nlines")}};
  EXPECT_EQ(render_csv(rows), "\xEF\xBB\xBF\"ข้อ 1\",4,\r\n\"say \"\"hi\"\"\",\"a,b\",\"two\nlines\"\r\n");
  EXPECT_EQ(render_csv(rows, CsvQuotes::minimal),
            "\xEF\xBB\xBFข้อ 1,4,\r\n\"say \"\"hi\"\"\",\"a,b\",\"two\nlines\"\r\n");
  EXPECT_EQ(render_csv(std::vector<CsvRow>{}), "\xEF\xBB\xBF");
}

TEST(Csv, AReportIsItsHeadersAndRowsWithParagraphsOnLinesOfTheirOwn) {
  TableReport r = sample();
  std::string csv = render_csv(r);
  EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBF\"ประเด็น\",\"หน่วยรับผิดชอบ\",\"ขั้นตอน\",\"สรุปผล\"\r\n"));
  EXPECT_EQ(count(csv, "\r\n"), r.rows.size() + 1);
  EXPECT_NE(csv.find("ของแถว1 เจ้าหน้าที่ผู้รับผิดชอบดำเนินการแล้วรายงานผู้บริหาร เพื่อเผยแพร่บนเว็บไซต์ให้เป็นปัจจุบัน\n2.ขั้นตอนที่2"),
            std::string::npos);
}

TEST(Json, AReportIsItsTitleColumnsAndRows) {
  TableReport r = sample();
  r.rows[0][0] = {"\"<b>\"", "bad \xFF byte"};
  auto doc = nlohmann::json::parse(render_json(r));
  EXPECT_EQ(doc["title"], "รายงานทดสอบ");
  EXPECT_EQ(doc["columns"].size(), 4u);
  EXPECT_EQ(doc["columns"][2], "ขั้นตอน");
  ASSERT_EQ(doc["rows"].size(), r.rows.size());
  EXPECT_EQ(doc["rows"][0][0], "\"<b>\"\nbad \uFFFD byte");
}

TEST(Xml, EscapesAndDropsWhatXmlCannotCarry) {
  EXPECT_EQ(xml_escape("a<b>&\"'\x01\tc"), "a&lt;b&gt;&amp;&quot;&apos;\tc");
}

TEST(Zip, RefusesAPartLargerThanAllowed) {
  std::string big(1 << 20, 'a');
  std::string archive = zip_parts({{"big.txt", big}});
  EXPECT_LT(archive.size(), 10000u);  // deflated
  EXPECT_TRUE(unzip_part(archive, "big.txt"));
  EXPECT_FALSE(unzip_part(archive, "big.txt", 1000));
  EXPECT_FALSE(unzip_part(archive, "missing.txt"));
  EXPECT_FALSE(unzip_part("not a zip", "big.txt"));
}

TEST(Formats, ParseByExtension) {
  Format f = Format::pdf;
  EXPECT_TRUE(parse_format("docx", f));
  EXPECT_EQ(f, Format::docx);
  EXPECT_FALSE(parse_format("exe", f));
  EXPECT_EQ(content_type(Format::html), "text/html; charset=utf-8");
}

TEST(Qr, ThePngDecodesToTheTextAndTheSvgDrawsTheSameModules) {
  // A link as a poster carries it: Thai percent-encoded, long enough for a larger version.
  const std::string url = "https://namom.go.th/contact?from=%E0%B8%9B%E0%B9%89%E0%B8%B2%E0%B8%A2&x=1";
  auto code = qr_encode(url);
  ASSERT_TRUE(code);
  ASSERT_GE(code->size, 21);
  EXPECT_EQ((code->size - 17) % 4, 0) << "a QR side is 17 + 4 * version";
  std::string png = qr_png(*code, 6);
  ASSERT_EQ(png.substr(1, 3), "PNG");
  EXPECT_EQ(run_on_file("zbarimg -q --raw {}", png), url + "\n");
  // LINE's own form of an official account link decodes too.
  auto line = qr_encode("https://line.me/R/ti/p/@namom");
  ASSERT_TRUE(line);
  EXPECT_EQ(run_on_file("zbarimg -q --raw {}", qr_png(*line)), "https://line.me/R/ti/p/@namom\n");

  std::string svg = qr_svg(*code, "ติดต่อ <อบต.>");
  EXPECT_NE(svg.find("<title>ติดต่อ &lt;อบต.&gt;</title>"), std::string::npos);
  std::string side = std::to_string(code->size + 8);
  EXPECT_NE(svg.find("viewBox=\"0 0 " + side + " " + side + "\""), std::string::npos);
  // Every dark module is covered by exactly one run of the path.
  std::size_t dark = 0, drawn = 0;
  for (bool d : code->dark) dark += d;
  std::regex run("M\\d+ \\d+h(\\d+)v1h-\\d+z");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator(); ++it)
    drawn += std::stoul((*it)[1]);
  EXPECT_EQ(drawn, dark);
  EXPECT_FALSE(qr_encode(""));
  EXPECT_FALSE(qr_encode(std::string(8000, 'x'))) << "beyond version 40";
}

TEST(BarChart, DrawsEveryBarOnAScaleOfWholeGridlinesAndSaysEveryFigure) {
  BarChart c;
  c.description = "ต.ค.: 7; <พ.ย.>: 0";
  c.groups = {{"ต.ค.", {{"", 7, "bar-a"}}}, {"<พ.ย.>", {{"", 0, "bar-a"}}}};
  std::string svg = bar_chart_svg(c);
  EXPECT_TRUE(svg.starts_with("<svg class=\"chart\""));
  EXPECT_NE(svg.find("role=\"img\" aria-label=\"ต.ค.: 7; &lt;พ.ย.&gt;: 0\">"), std::string::npos) << svg;
  EXPECT_EQ(svg.find("<พ"), std::string::npos) << "labels are escaped";
  // 7 is under 10: gridlines every 2 up to 8, the bar 7/8 of the plot high.
  EXPECT_NE(svg.find(">8</text>"), std::string::npos) << svg;
  EXPECT_EQ(svg.find(">10</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("height=\"148.8\" class=\"bar-a\""), std::string::npos) << svg;
  EXPECT_EQ(svg.find("pass-mark"), std::string::npos);

  c.title = "คำขอ";
  c.mark = 4;
  c.legend = {{"รับ", "bar-a"}};
  svg = bar_chart_svg(c);
  EXPECT_NE(svg.find("aria-labelledby=\"chart-title chart-desc\"><title id=\"chart-title\">คำขอ</title>"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("class=\"pass-mark\""), std::string::npos);
  EXPECT_NE(svg.find("width=\"12\" height=\"12\" class=\"bar-a\"/>"), std::string::npos) << "the legend's swatch";
  EXPECT_NE(svg.find("class=\"axis\">รับ</text>"), std::string::npos) << "and its label";
}

TEST(TitlePicture, IsAPngOfTheSizeAskedThatChangesWithItsWords) {
  std::string a = title_picture_png("ประชุมประชาคมหมู่บ้านเพื่อทบทวนแผนพัฒนาท้องถิ่น", "ภาพตัวอย่าง", 0x0b4f8a, 800, 450);
  ASSERT_GT(a.size(), 33u);
  EXPECT_EQ(a.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>(a[at]) << 24) | (static_cast<unsigned char>(a[at + 1]) << 16) |
           (static_cast<unsigned char>(a[at + 2]) << 8) | static_cast<unsigned char>(a[at + 3]);
  };
  EXPECT_EQ(a.substr(12, 4), "IHDR");
  EXPECT_EQ(be32(16), 800u);
  EXPECT_EQ(be32(20), 450u);
  EXPECT_EQ(a, title_picture_png("ประชุมประชาคมหมู่บ้านเพื่อทบทวนแผนพัฒนาท้องถิ่น", "ภาพตัวอย่าง", 0x0b4f8a, 800, 450));
  EXPECT_NE(a, title_picture_png("โครงการอบรมคุณธรรม", "ภาพตัวอย่าง", 0x0b4f8a, 800, 450));
  EXPECT_NE(a, title_picture_png("ประชุมประชาคมหมู่บ้านเพื่อทบทวนแผนพัฒนาท้องถิ่น", "ภาพตัวอย่าง", 0x1d5e3a, 800, 450));
}

}  // namespace
}  // namespace prongsai::documents
