// The seed's plan as documents: every item code, unit and step of the seed is in the PDF's
// text (pdftotext -raw) and in the DOCX's document text; XLSX and HTML carry the same rows.
#include <gtest/gtest.h>

#include <regex>

#include "documents/xml.hpp"
#include "modules/measures/measures.hpp"
#include "testing/testing.hpp"

namespace prongsai::measures {
namespace {

using testing::without_whitespace;

struct ReportTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make();
    auto r = f->app->get<measures::Service>().import_o43(
        store::Actor::cli(), f->agency_id, 2566, testing::read_source_file("data/seed/o43-report-na-mom-2566.txt"));
    ASSERT_TRUE(r);
    plan = *f->app->get<measures::Service>().plan(f->agency_id, 2566);
  }
  // Everything of the seed a reader must find in the document.
  std::vector<std::string> expected() const {
    std::vector<std::string> out;
    for (const StoredIssue& s : plan.issues) {
      out.push_back(s.issue.item_code);
      out.push_back(s.issue.responsible_text);
      for (const Step& st : s.issue.steps) out.push_back(st.text);
    }
    return out;
  }
  std::unique_ptr<testing::Fixture> f;
  Plan plan;
};

TEST_F(ReportTest, ThePdfHasEveryCodeUnitAndStepOfTheSeed) {
  auto model = f->app->get<measures::Service>().report(f->agency_id, 2566, ReportKind::report);
  ASSERT_TRUE(model);
  EXPECT_EQ(model->columns.size(), 6u);
  EXPECT_EQ(model->rows.size(), 14u);
  std::string pdf = documents::render_pdf(*model);
  std::string text = without_whitespace(testing::run_on_file("pdftotext -raw -enc UTF-8 {} -", pdf));
  for (const std::string& want : expected()) EXPECT_NE(text.find(without_whitespace(want)), std::string::npos) << want;
  EXPECT_NE(text.find(without_whitespace("ประจำปีงบประมาณ พ.ศ. 2566")), std::string::npos);
  EXPECT_NE(text.find(without_whitespace("สำนักงานปลัด (งานนโยบายและแผน)")), std::string::npos);
  EXPECT_NE(text.find(without_whitespace(f->app->get<accounts::Service>().agency(f->agency_id)->name_th)),
            std::string::npos);
  std::string info = testing::run_on_file("pdfinfo {}", pdf);
  EXPECT_TRUE(std::regex_search(info, std::regex("Page size:\\s+841.89 x 595.28"))) << info;
}

TEST_F(ReportTest, TheDocxIsAPackageWithTheSameText) {
  auto model = f->app->get<measures::Service>().report(f->agency_id, 2566, ReportKind::report);
  ASSERT_TRUE(model);
  std::string docx = documents::render_docx(*model);
  auto xml = documents::unzip_part(docx, "word/document.xml");
  ASSERT_TRUE(xml);
  testing::run_on_file("xmllint --noout {}", *xml);
  // The document's text: the runs' contents, tags dropped, entities of the escaper undone.
  std::string text = std::regex_replace(*xml, std::regex("<[^>]*>"), "");
  for (auto [entity, ch] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}})
    text = std::regex_replace(text, std::regex(entity), ch);
  text = without_whitespace(text);
  for (const std::string& want : expected()) EXPECT_NE(text.find(without_whitespace(want)), std::string::npos) << want;
}

TEST_F(ReportTest, O42HasThePlanColumnsOnly) {
  auto model = f->app->get<measures::Service>().report(f->agency_id, 2566, ReportKind::plan);
  ASSERT_TRUE(model);
  EXPECT_EQ(model->columns.size(), 4u);
  std::string html = documents::render_html(*model);
  EXPECT_NE(html.find("มาตรการส่งเสริมคุณธรรมและความโปร่งใส"), std::string::npos);
  EXPECT_EQ(html.find("ผลลัพธ์/ความสำเร็จ"), std::string::npos);  // the O43 columns
  EXPECT_EQ(html.find("สรุปผลการดำเนินการ"), std::string::npos);
  std::string xlsx = documents::render_xlsx(*model);
  auto strings = documents::unzip_part(xlsx, "xl/sharedStrings.xml");
  ASSERT_TRUE(strings);
  EXPECT_NE(strings->find("O28"), std::string::npos);
}

TEST_F(ReportTest, NoPlanNoReport) {
  auto model = f->app->get<measures::Service>().report(f->agency_id, 2567, ReportKind::report);
  ASSERT_FALSE(model);
  EXPECT_EQ(model.error().kind, ErrorKind::not_found);
}

}  // namespace
}  // namespace prongsai::measures

namespace prongsai::measures {
namespace {

// Which items a year's documents are, and which assessment takes them, come from the frameworks:
// O42/O43 up to ITA 2567, O27/O28 in 2568 (O28 reporting on the year before), O25/O26 in 2569.
TEST(ReportNames, FollowEachYearsFramework) {
  auto c = framework::Catalogue::load();
  ASSERT_TRUE(c);
  EXPECT_EQ(document_name(Lang::th, *c, 2566, ReportKind::plan), "มาตรการส่งเสริมคุณธรรมและความโปร่งใส (O42)");
  EXPECT_EQ(document_name(Lang::th, *c, 2566, ReportKind::report), "รายงานผลการดำเนินการ (O43)");
  EXPECT_EQ(document_name(Lang::th, *c, 2568, ReportKind::plan), "มาตรการส่งเสริมคุณธรรมและความโปร่งใส (O27)");
  // ITA 2568's O28 is the report on FY2567's plan, which ITA 2567 took as O43 already.
  EXPECT_EQ(evidence_items(*c, 2567, ReportKind::report), "O43, ITA 2568 O28");
  EXPECT_EQ(evidence_items(*c, 2568, ReportKind::report), "ITA 2569 O26");
  EXPECT_EQ(evidence_items(*c, 2569, ReportKind::plan), "O25");
  EXPECT_EQ(evidence_items(*c, 2570, ReportKind::plan), "O25");
  EXPECT_EQ(document_name(Lang::th, *c, 2570, ReportKind::report), "รายงานผลการดำเนินการ")
      << "ITA 2571 is not known: no code is made up";
  ReportKind k = ReportKind::plan;
  EXPECT_TRUE(parse_report_kind("o43", k));
  EXPECT_EQ(k, ReportKind::report);
  EXPECT_FALSE(parse_report_kind("o44", k));
}

}  // namespace
}  // namespace prongsai::measures
