// The shipped catalogues load and hold what the ITA has; broken files are refused with the
// file and entry named; crosswalks translate between years.
#include "framework/framework.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/embedded.hpp"
#include "testing/testing.hpp"

namespace prongsai::framework {
namespace {

TEST(Framework, ShippedYearsLoad) {
  auto c = Catalogue::load();
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->years(), (std::vector<int>{2565, 2566}));
  for (int y : c->years()) {
    const Framework* f = c->year(y);
    EXPECT_EQ(f->items_of(Tool::oit).size(), 43u) << y;
    EXPECT_EQ(f->items_of(Tool::eit).size(), 15u) << y;
    EXPECT_EQ(f->items_of(Tool::iit).size(), 30u) << y;
    EXPECT_EQ(f->pass_mark, 85);
  }
}

TEST(Framework, ItemsSitWhereTheReferenceSays) {
  auto c = Catalogue::load();
  const Framework* f2565 = c->year(2565);
  EXPECT_EQ(f2565->item("O20")->sub_indicator, "9.3");  // 2565: budget items in 9.3
  EXPECT_EQ(f2565->item("O28")->sub_indicator, "9.4");
  const Framework* f2566 = c->year(2566);
  EXPECT_EQ(f2566->item("O10")->name_th, "นโยบายคุ้มครองข้อมูลส่วนบุคคล");
  EXPECT_EQ(f2566->item("O21")->cadence.kind, CadenceKind::monthly);
  EXPECT_EQ(f2566->item("O12")->cadence.kind, CadenceKind::half_yearly);
  EXPECT_EQ(f2566->item("E10")->scale, "yes_no");
  EXPECT_EQ(f2566->item("I4")->polarity, Polarity::negative);
  EXPECT_EQ(f2566->item("I11")->sub_questions.at(1).polarity, Polarity::negative);
}

TEST(Framework, GradesFollowTheBandsAtTheirEdges) {
  auto c = Catalogue::load();
  const Framework* f = c->year(2566);
  EXPECT_EQ(f->grade(100), "AA");
  EXPECT_EQ(f->grade(95), "AA");
  EXPECT_EQ(f->grade(94.99), "A");
  EXPECT_EQ(f->grade(85), "A");
  EXPECT_EQ(f->grade(84.99), "B");
  EXPECT_EQ(f->grade(49.99), "F");
  EXPECT_EQ(f->grade(0), "F");
  EXPECT_TRUE(f->passes(85));
  EXPECT_FALSE(f->passes(84.99));
}

TEST(Framework, CrosswalkTranslatesBothWays) {
  auto c = Catalogue::load();
  EXPECT_EQ(c->translate("O24", 2565, 2566), "O22");
  EXPECT_EQ(c->translate("O28", 2565, 2566), "O26");
  EXPECT_EQ(c->translate("O20", 2565, 2566), std::nullopt);  // budget report merged away
  EXPECT_EQ(c->translate("O22", 2566, 2565), "O24");
  EXPECT_EQ(c->translate("O4", 2565, 2566), "O4");
  EXPECT_EQ(c->translate("O4", 2565, 2570), std::nullopt);
}

nlohmann::json shipped_2566() { return nlohmann::json::parse(*embedded::find("ita/2566.json")); }

std::string parse_error(const nlohmann::json& doc) {
  auto f = parse(doc.dump(), "ita/2566.json");
  EXPECT_FALSE(f);
  return f ? "" : f.error().detail;
}

TEST(Framework, TheOitCollectionPeriodIsDataOfTheYear) {
  auto f = parse(shipped_2566().dump(), "ita/2566.json");
  ASSERT_TRUE(f && f->oit_collection);
  EXPECT_EQ(calendar::iso(f->oit_collection->closes), "2023-04-30");
  EXPECT_FALSE(f->oit_collection->verified) << "assumed from 2565's until checked";
}

TEST(Framework, BrokenFilesAreRefusedNamingFileAndEntry) {
  auto doc = shipped_2566();
  doc["items"][12]["sub_indicator"] = "9.9";
  EXPECT_EQ(parse_error(doc), "ita/2566.json: items[12] (O13): unknown sub_indicator 9.9");

  doc = shipped_2566();
  doc["tools"][0]["weight"] = 0.5;
  EXPECT_EQ(parse_error(doc), "ita/2566.json: tools: weights must add up to 1");

  doc = shipped_2566();
  doc["items"][50]["scale"] = "likert7";
  EXPECT_NE(parse_error(doc).find("unknown answer scale likert7"), std::string::npos);

  doc = shipped_2566();
  doc["crosswalk"]["map"]["O4"] = "O99";
  EXPECT_NE(parse_error(doc).find("crosswalk.map.O4: maps to O99"), std::string::npos);

  doc = shipped_2566();
  doc["assessment"]["oit_closes"] = "2023-13-01";
  EXPECT_NE(parse_error(doc).find("assessment.oit_closes: must be an ISO date"), std::string::npos);
  doc = shipped_2566();
  doc["assessment"]["oit_closes"] = "2023-10-15";
  EXPECT_NE(parse_error(doc).find("assessment.oit_closes: must fall in the fiscal year"), std::string::npos);

  EXPECT_NE(parse_error(nlohmann::json::object()).find("missing \"format\""), std::string::npos);
  auto not_json = parse("{ not json", "ita/2567.json");
  ASSERT_FALSE(not_json);
  EXPECT_TRUE(not_json.error().detail.starts_with("ita/2567.json: "));
}

TEST(Framework, ANewYearIsANewFile) {
  testing::TempDir dir;
  auto doc = shipped_2566();
  doc["year"] = 2567;
  doc["assessment"] = {{"oit_opens", "2024-03-01"}, {"oit_closes", "2024-04-30"}};
  doc["crosswalk"] = {{"from_year", 2566}, {"map", {{"O1", "O1"}}}};
  std::ofstream(dir.file("2567.json")) << doc.dump();
  auto c = Catalogue::load(dir.path().string());
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->years().back(), 2567);
  EXPECT_EQ(c->translate("O1", 2565, 2567), "O1");
  std::ofstream(dir.file("2568.json")) << "{}";
  auto broken = Catalogue::load(dir.path().string());
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().detail.find("2568.json"), std::string::npos);
}

}  // namespace
}  // namespace prongsai::framework

namespace prongsai::framework {
namespace {

TEST(Framework, OitEstimateFollowsTheYearsMethod) {
  auto c = Catalogue::load();
  ASSERT_TRUE(c);
  const Framework* f = c->year(2566);
  auto all = f->estimate_oit([](const std::string&) { return true; });
  EXPECT_DOUBLE_EQ(all.total, 100);
  EXPECT_EQ(all.sub_indicators.size(), 7u);
  EXPECT_DOUBLE_EQ(f->estimate_oit([](const std::string&) { return false; }).total, 0);
  // O1 fails: 9.1 has O1–O9 (8 of 9 pass); indicator 9 is the mean of 9.1–9.5; OIT the mean of 9 and 10.
  auto one = f->estimate_oit([](const std::string& code) { return code != "O1"; });
  int in_91 = 0;
  for (const Item& i : f->items) in_91 += i.sub_indicator == "9.1";
  double s91 = 100.0 * (in_91 - 1) / in_91;
  EXPECT_DOUBLE_EQ(one.sub_indicators.at("9.1"), s91);
  EXPECT_DOUBLE_EQ(one.indicators.at(9), (s91 + 400) / 5);
  EXPECT_DOUBLE_EQ(one.indicators.at(10), 100);
  EXPECT_DOUBLE_EQ(one.total, ((s91 + 400) / 5 + 100) / 2);

  auto doc = shipped_2566();
  doc["oit_scoring"]["sub_indicator"] = "weighted";
  EXPECT_NE(parse_error(doc).find("oit_scoring.sub_indicator: unknown method weighted"), std::string::npos);
  doc = shipped_2566();
  doc["survey_scoring"]["indicator"] = "median_of_items";
  EXPECT_NE(parse_error(doc).find("survey_scoring.indicator: unknown method median_of_items"), std::string::npos);
  doc = shipped_2566();
  doc["items"][0]["produced_by"] = "complaint_statistics";
  EXPECT_NE(parse_error(doc).find("unknown produced_by complaint_statistics"), std::string::npos);
}

}  // namespace
}  // namespace prongsai::framework
