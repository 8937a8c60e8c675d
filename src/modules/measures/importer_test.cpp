// The seed report, read as the issue describes it, and unreadable input refused by line.
#include "modules/measures/importer.hpp"

#include <gtest/gtest.h>

#include "core/embedded.hpp"
#include "testing/testing.hpp"

namespace prongsai::measures {
namespace {

std::string seed() { return testing::read_source_file("data/seed/o43-report-na-mom-2566.txt"); }

struct SeedTest : ::testing::Test {
  static void SetUpTestSuite() {
    catalogue = new framework::Catalogue(*framework::Catalogue::load());
    auto parsed = parse_o43(seed(), catalogue->year(2565));
    ASSERT_TRUE(parsed) << parsed.error().detail;
    report = new ParsedReport(std::move(*parsed));
  }
  static const Issue& issue(const std::string& code) {
    for (const Issue& i : report->issues) {
      if (i.item_code == code) return i;
    }
    throw std::runtime_error("no issue " + code);
  }
  static inline framework::Catalogue* catalogue = nullptr;
  static inline ParsedReport* report = nullptr;
};

TEST_F(SeedTest, TitleBlock) {
  EXPECT_EQ(report->title, "รายงานผลการดำเนินการ เพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ.2566");
  EXPECT_EQ(report->fiscal_year, 2566);
  EXPECT_EQ(report->prepared_by, "สำนักงานปลัด (งานนโยบายและแผน)");
  EXPECT_EQ(report->agency_name, "องค์การบริหารส่วนตำบลนาหม่อม");
  EXPECT_EQ(report->body_agency_name, "องค์การบริหารส่วนตำบลนาทม");
}

TEST_F(SeedTest, FourteenIssuesWithTheirCodes) {
  std::vector<std::string> codes;
  for (const Issue& i : report->issues) codes.push_back(i.item_code);
  EXPECT_EQ(codes, (std::vector<std::string>{"O4", "O12", "O20", "O24", "O27", "O28", "E1", "E2", "E3", "E5", "E6",
                                             "E7", "E9", "E10"}));
}

TEST_F(SeedTest, StepsAreSplitByTheirNumbers) {
  EXPECT_EQ(issue("O4").steps.size(), 3u);
  EXPECT_TRUE(issue("O4").steps[2].text.starts_with("เผยแพร่ข้อมูลบนเว็บไซต์"));
  const auto& o20 = issue("O20").steps;
  ASSERT_EQ(o20.size(), 4u);
  EXPECT_EQ(o20[0].number, 1);
  EXPECT_EQ(o20[1].number, 3);
  EXPECT_EQ(o20[3].number, 5);
  for (const Issue& i : report->issues) {
    EXPECT_GE(i.steps.size(), 1u) << i.item_code;
    for (const Step& s : i.steps) EXPECT_FALSE(s.text.empty()) << i.item_code;
  }
}

TEST_F(SeedTest, WordsBrokenByTheExtractionAreKeptAsGiven) {
  EXPECT_NE(issue("O4").steps[0].text.find("องค์ ประกอบ"), std::string::npos);
}

TEST_F(SeedTest, QuestionsSubQuestionsAndTargetAnswers) {
  EXPECT_EQ(issue("E10").target_answers, (std::vector<std::string>{"มี", "ไม่มี"}));
  EXPECT_EQ(issue("E6").target_answers, (std::vector<std::string>{"มาก", "มากที่สุด"}));
  EXPECT_EQ(issue("E6").sub_questions.size(), 2u);
  EXPECT_TRUE(issue("E10").question.starts_with("หน่วยงานที่ท่าน ติดต่อ มีช่องทาง"));
  EXPECT_EQ(issue("O4").indicator_text, "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล เครื่องมือการประเมิน OIT 9.1 ข้อมูลพื้นฐาน");
  EXPECT_EQ(issue("O4").question, "แผนยุทธศาสตร์ หรือแผนพัฒนา หน่วยงาน");
}

TEST_F(SeedTest, MonitoringBecomesACadenceAndKeepsItsWording) {
  EXPECT_EQ(issue("O4").monitoring.cadence, Cadence::monthly);
  EXPECT_EQ(issue("E1").monitoring.cadence, Cadence::quarterly);
  EXPECT_EQ(issue("E10").monitoring.cadence, Cadence::quarterly);
  EXPECT_EQ(issue("E9").monitoring.cadence, Cadence::half_yearly);
  EXPECT_EQ(issue("E9").monitoring.months, (std::vector<unsigned>{4, 10}));
  EXPECT_EQ(issue("O12").monitoring.cadence, Cadence::yearly);
  EXPECT_EQ(issue("O12").monitoring.deadline_month, 12u);
  EXPECT_EQ(issue("O24").monitoring.deadline_month, 10u);
  EXPECT_TRUE(issue("O4").monitoring.original.starts_with("1.เจ้าหน้าที่ผู้รับผิดชอบ ดำเนินการแล้วรายงาน"));
}

TEST_F(SeedTest, ResponsibleUnitsAsWritten) {
  EXPECT_EQ(issue("O4").responsible_text, "สำนักปลัด");
  EXPECT_FALSE(issue("O4").all_units);
  EXPECT_TRUE(issue("O12").all_units);
  EXPECT_TRUE(issue("E6").all_units);  // "ทุก ภากรกิจการงาน", mistyped
  EXPECT_TRUE(issue("E7").all_units);  // "ทุกภาค กรกิจงาน", mistyped
  EXPECT_EQ(issue("O24").responsible_text, "กองคลัง/งาน พัสดุ");
}

TEST_F(SeedTest, ExactlyTheThreeLintFindings) {
  ASSERT_EQ(report->lint.size(), 3u);
  EXPECT_EQ(report->lint[0].kind, "agency_name");
  EXPECT_NE(report->lint[0].message.find("นาทม"), std::string::npos);
  EXPECT_EQ(report->lint[1].kind, "step_numbers");
  EXPECT_EQ(report->lint[1].item_code, "O20");
  EXPECT_EQ(report->lint[1].line, 23);
  EXPECT_EQ(report->lint[2].kind, "indicator");
  EXPECT_EQ(report->lint[2].item_code, "E1");
  EXPECT_NE(report->lint[2].message.find("ตัวชี้วัดที่ 6"), std::string::npos);
}

TEST(Importer, UnreadableInputIsRefusedNamingTheLine) {
  std::string good = seed();
  auto no_table = parse_o43("รายงานผล\nประจำปีงบประมาณ พ.ศ.2566\n", nullptr);
  ASSERT_FALSE(no_table);
  EXPECT_EQ(no_table.error().message_key, "error.import_no_table");

  std::string short_row = good;
  short_row.replace(short_row.find("\tสำนักปลัด\t"), std::string("\tสำนักปลัด\t").size(), " สำนักปลัด ");
  auto r = parse_o43(short_row, nullptr);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message_key, "error.import_row");
  EXPECT_EQ(r.error().detail, "line 17: expected 6 tab-separated cells, found 4");

  std::string bad_utf8 = good;
  bad_utf8.insert(bad_utf8.find("ข้อ O12"), "\xff");
  auto u = parse_o43(bad_utf8, nullptr);
  ASSERT_FALSE(u);
  EXPECT_EQ(u.error().detail, "line 20: not UTF-8 text");

  std::string no_code = good;
  no_code.replace(no_code.find("ข้อ O12"), std::string("ข้อ O12").size(), "ข้อ");
  auto c = parse_o43(no_code, nullptr);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().message_key, "error.import_no_item");
  EXPECT_NE(c.error().detail.find("line 20"), std::string::npos);
}

TEST(Importer, StepsAndMonitoringOnTheirOwn) {
  auto steps = split_steps("ก่อน 1.หนึ่ง ราคา 1.5 ล้าน 2. สอง พ.ศ.2566 3.สาม");
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[0].number, 0);
  EXPECT_EQ(steps[1].text, "หนึ่ง ราคา 1.5 ล้าน");
  EXPECT_EQ(steps[2].text, "สอง พ.ศ.2566");
  EXPECT_EQ(parse_monitoring("รายงาน ทุก 6 เดือน ภายในเดือน เมษายน และ ตุลาคม").months, (std::vector<unsigned>{4, 10}));
  EXPECT_EQ(parse_monitoring("ภายในเดือน มกราคม ของทุกปี").deadline_month, 1u);
  EXPECT_EQ(parse_monitoring("ตามความเหมาะสม").cadence, Cadence::unknown);
  EXPECT_EQ(strip_html("<p>ก <input type=\"checkbox\"/> มาก</p><ol><li>x</li></ol>"), "ก ☐ มาก\nx");
}

}  // namespace
}  // namespace prongsai::measures
