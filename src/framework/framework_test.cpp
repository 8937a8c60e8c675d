// The shipped catalogues load and hold what the ITA has; broken files are refused with the
// file and entry named; crosswalks translate between years.
#include "framework/framework.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/embedded.hpp"
#include "testing/testing.hpp"

namespace prongsai::framework {
namespace {

TEST(Framework, ShippedYearsLoad) {
  auto c = Catalogue::load();
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->years(), (std::vector<int>{2565, 2566, 2567, 2568, 2569, 2570}));
  const std::map<int, std::size_t> oit = {{2565, 43}, {2566, 43}, {2567, 43}, {2568, 28}, {2569, 26}, {2570, 26}};
  for (int y : c->years()) {
    const Framework* f = c->year(y);
    EXPECT_EQ(f->items_of(Tool::oit).size(), oit.at(y)) << y;
    EXPECT_EQ(f->items_of(Tool::eit).size(), 15u) << y;
    EXPECT_EQ(f->items_of(Tool::iit).size(), 30u) << y;
    EXPECT_EQ(f->pass_mark, 85);
    // Letters up to 2566, levels since 2567.
    EXPECT_EQ(f->grade_bands.empty(), y >= 2567) << y;
    EXPECT_EQ(f->levels.size(), y >= 2567 ? 5u : 0u) << y;
    EXPECT_EQ(f->provisional, y == 2570) << y;
    ASSERT_TRUE(f->oit_collection) << y;
    EXPECT_TRUE(calendar::FiscalYear(y).contains(f->oit_collection->closes)) << y;
  }
  EXPECT_EQ(c->year(2570)->provisional_note, "ร่าง — รอคู่มือ ITA 2570 ของ ป.ป.ช.");
}

// Nothing published of 2570 and nothing of the later surveys: the files say so item by item.
TEST(Framework, WhatNoSourceConfirmsIsMarkedUnverified) {
  auto c = Catalogue::load();
  for (const Item& i : c->year(2570)->items) EXPECT_FALSE(i.verified) << i.code;
  for (int y : {2567, 2568, 2569}) {
    for (const Item* i : c->year(y)->items_of(Tool::eit)) EXPECT_FALSE(i->verified) << y << " " << i->code;
    EXPECT_FALSE(c->year(y)->item("O1")->source.empty()) << y;
  }
  const Framework* f2568 = c->year(2568);
  EXPECT_FALSE(f2568->item("O25")->verified) << "title inferred, low confidence";
  EXPECT_TRUE(f2568->item("O27")->verified);
  EXPECT_TRUE(f2568->sources.contains("rtrda2568"));
  EXPECT_EQ(f2568->item("O6")->cadence.kind, CadenceKind::annual_with_half_year_progress);
}

// Which item is the measures plan, which its report and which year the report covers are data.
TEST(Framework, RolesFollowEachYearsNumbering) {
  auto c = Catalogue::load();
  const std::map<int, std::pair<std::string, std::string>> pair = {{2565, {"O42", "O43"}}, {2566, {"O42", "O43"}},
                                                                   {2567, {"O42", "O43"}}, {2568, {"O27", "O28"}},
                                                                   {2569, {"O25", "O26"}}, {2570, {"O25", "O26"}}};
  for (const auto& [y, codes] : pair) {
    const Framework* f = c->year(y);
    ASSERT_TRUE(f->by_role(role::measures_plan) && f->by_role(role::measures_report)) << y;
    EXPECT_EQ(f->by_role(role::measures_plan)->code, codes.first) << y;
    EXPECT_EQ(f->by_role(role::measures_report)->code, codes.second) << y;
    EXPECT_EQ(f->by_role(role::measures_report)->cadence.basis,
              y >= 2568 ? FiscalBasis::previous : FiscalBasis::current)
        << y;
  }
  // FY2567's report is O43 of ITA 2567 and O28 of ITA 2568; FY2568's is O26 of ITA 2569.
  auto r2567 = c->uses_of(role::measures_report, 2567);
  ASSERT_EQ(r2567.size(), 2u);
  EXPECT_EQ(r2567[0].assessment_year, 2567);
  EXPECT_EQ(r2567[0].item->code, "O43");
  EXPECT_EQ(r2567[1].assessment_year, 2568);
  EXPECT_EQ(r2567[1].item->code, "O28");
  auto r2568 = c->uses_of(role::measures_report, 2568);
  ASSERT_EQ(r2568.size(), 1u);
  EXPECT_EQ(r2568[0].assessment_year, 2569);
  EXPECT_EQ(r2568[0].item->code, "O26");
  EXPECT_TRUE(c->uses_of(role::measures_report, 2570).empty()) << "ITA 2571 is not known";
  EXPECT_EQ(c->uses_of(role::measures_plan, 2568).at(0).item->code, "O27");
  EXPECT_EQ(c->uses_of(role::service_statistics, 2566).at(0).item->code, "O16");
  EXPECT_EQ(c->uses_of(role::service_statistics, 2567).back().item->code, "O11");  // ITA 2568 asks for FY2567's
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
  EXPECT_EQ(c->translate("O4", 2565, 2571), std::nullopt);
}

// The seed report cites 2565 codes; each goes forward year by year as far as a successor exists.
TEST(Framework, TheSeedsCodesCarryForwardAcrossEveryBoundary) {
  auto c = Catalogue::load();
  const std::vector<std::pair<std::string, std::vector<std::optional<std::string>>>> chains = {
      // 2565 code → its code in 2566, 2567, 2568, 2569, 2570
      {"O4", {"O4", "O4", "O5", "O5", "O5"}},
      {"O12", {"O13", "O13", "O7", "O7", "O7"}},
      {"O20", {std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt}},
      {"O24", {"O22", "O22", "O13", "O12", "O12"}},
      {"O27", {"O25", "O25", "O14", "O13", "O13"}},
      {"O28", {"O26", "O26", "O15", "O14", "O14"}},
      {"O42", {"O42", "O42", "O27", "O25", "O25"}},
      {"E1", {"E1", "E1", "E1", "E1", "E1"}},
      {"E10", {"E10", "E10", "E10", "E10", "E10"}},
  };
  for (const auto& [code, expected] : chains) {
    for (int y = 2566; y <= 2570; ++y) EXPECT_EQ(c->translate(code, 2565, y), expected[y - 2566]) << code << " " << y;
  }
  // Items with no successor say so: 2566's PDPA policy and laws items were dropped in 2568.
  EXPECT_EQ(c->translate("O10", 2567, 2568), std::nullopt);
  EXPECT_TRUE(c->year(2568)->crosswalk->map.contains("O10"));
  EXPECT_EQ(c->translate("O5", 2569, 2565), "O4");
}

TEST(Framework, LevelsAtTheirEdges) {
  auto c = Catalogue::load();
  const Framework* f = c->year(2569);
  using T = std::map<Tool, double>;
  const T all100 = {{Tool::iit, 100}, {Tool::eit, 100}, {Tool::oit, 100}};
  EXPECT_EQ(f->outcome(95, all100).label, "ผ่านดีเยี่ยม");
  EXPECT_EQ(f->outcome(94.99, all100).label, "ผ่านดี");
  Outcome held = f->outcome(95, {{Tool::iit, 100}, {Tool::eit, 94.99}, {Tool::oit, 100}});
  EXPECT_EQ(held.label, "ผ่านดี");
  ASSERT_TRUE(held.held_back_by);
  EXPECT_EQ(*held.held_back_by, Tool::eit);
  EXPECT_DOUBLE_EQ(held.held_back_min, 95);
  EXPECT_EQ(held.total_alone->name_th, "ผ่านดีเยี่ยม");
  EXPECT_EQ(f->outcome(85, {{Tool::iit, 90}, {Tool::eit, 85}, {Tool::oit, 90}}).label, "ผ่านดี");
  Outcome eit = f->outcome(85, {{Tool::iit, 90}, {Tool::eit, 84.99}, {Tool::oit, 90}});
  EXPECT_EQ(eit.label, "ผ่าน");
  EXPECT_TRUE(eit.passes);
  EXPECT_EQ(*eit.held_back_by, Tool::eit);
  // The case the NACC reported: 94.64 in all, EIT under 85.
  Outcome news = f->outcome(94.64, {{Tool::iit, 99}, {Tool::eit, 82.1}, {Tool::oit, 100}});
  EXPECT_EQ(news.label, "ผ่าน");
  EXPECT_EQ(*news.held_back_by, Tool::eit);
  EXPECT_EQ(f->outcome(84.99, all100).label, "ต้องปรับปรุง");
  EXPECT_FALSE(f->outcome(84.99, all100).passes);
  EXPECT_FALSE(f->outcome(84.99, all100).held_back_by) << "the total, not a tool, sets it";
  EXPECT_EQ(f->outcome(70, all100).label, "ต้องปรับปรุง");
  EXPECT_EQ(f->outcome(69.99, all100).label, "ต้องปรับปรุงโดยด่วน");
  // Years reported by letter keep their letters.
  EXPECT_EQ(c->year(2566)->outcome(94.64, {{Tool::eit, 82.1}}).label, "A");
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

  doc = shipped_2566();
  doc["items"][5]["code"] = "O1";
  EXPECT_EQ(parse_error(doc), "ita/2566.json: items[5]: code O1 appears twice");

  doc = shipped_2566();
  doc["items"][10]["role"] = "measures_plan";  // O11, which holds no role; O42 holds it
  EXPECT_EQ(parse_error(doc), "ita/2566.json: items[41] (O42): role measures_plan is held by O11 already");

  doc = shipped_2566();
  doc["grade_bands"][2]["min"] = 90;  // B above A
  EXPECT_NE(parse_error(doc).find("grade_bands[2]: bands overlap"), std::string::npos);

  doc = shipped_2566();
  doc["indicators"][9]["sub_indicators"][0]["code"] = "9.1";  // 10.1 renamed onto one of indicator 9
  EXPECT_EQ(parse_error(doc), "ita/2566.json: indicators[9]: sub-indicator 9.1 appears twice");

  doc = shipped_2566();
  doc["tools"][2]["indicators"] = {9};  // OIT forgets indicator 10
  EXPECT_EQ(parse_error(doc), "ita/2566.json: indicators: indicator 10 is not listed by its tool OIT");

  EXPECT_NE(parse_error(nlohmann::json::object()).find("missing \"format\""), std::string::npos);
  auto not_json = parse("{ not json", "ita/2567.json");
  ASSERT_FALSE(not_json);
  EXPECT_TRUE(not_json.error().detail.starts_with("ita/2567.json: "));
}

TEST(Framework, AnItemBelongsToTheIndicatorHoldingItsSubIndicator) {
  auto doc = shipped_2566();
  doc["indicators"][9]["number"] = 11;  // indicator 10 renumbered; its sub-indicators keep "10.x"
  doc["tools"][2]["indicators"] = {9, 11};
  auto f = parse(doc.dump(), "ita/2566.json");
  ASSERT_TRUE(f) << f.error().detail;
  EXPECT_EQ(f->item("O37")->sub_indicator, "10.1");
  EXPECT_EQ(f->item("O37")->indicator, 11);
}

TEST(Framework, ANewYearIsANewFile) {
  testing::TempDir dir;
  auto doc = shipped_2566();
  doc["year"] = 2571;
  doc["assessment"] = {{"oit_opens", "2028-03-01"}, {"oit_closes", "2028-04-30"}};
  doc["crosswalk"] = {{"from_year", 2570}, {"map", {{"O1", "O1"}}}};
  std::ofstream(dir.file("2571.json")) << doc.dump();
  auto c = Catalogue::load(dir.path().string());
  ASSERT_TRUE(c) << c.error().detail;
  EXPECT_EQ(c->years().back(), 2571);
  EXPECT_EQ(c->translate("O1", 2569, 2571), "O1");
  std::ofstream(dir.file("2572.json")) << "{}";
  auto broken = Catalogue::load(dir.path().string());
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().detail.find("2572.json"), std::string::npos);

  // A crosswalk naming a code its earlier year does not have is refused with the catalogue.
  std::filesystem::remove(dir.file("2572.json"));
  doc["crosswalk"]["map"]["O99"] = "O1";
  std::ofstream(dir.file("2571.json")) << doc.dump();
  auto unknown = Catalogue::load(dir.path().string());
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().detail.find("crosswalk.map.O99: year 2570 has no item O99"), std::string::npos);
}

TEST(Framework, AnItemIsAnsweredWithItsPageOrItsEvidence) {
  auto doc = shipped_2566();
  for (auto& item : doc["items"])
    if (item["code"] == "O2") item["answer_with"] = "evidence";
  auto f = parse(doc.dump(), "ita/2566.json");
  ASSERT_TRUE(f) << f.error().detail;
  EXPECT_TRUE(f->item("O2")->answer_with_evidence);
  EXPECT_FALSE(f->item("O3")->answer_with_evidence);
  EXPECT_TRUE(parse(to_json(*f), "again")->item("O2")->answer_with_evidence);
  for (auto& item : doc["items"])
    if (item["code"] == "O2") item["answer_with"] = "files";
  auto bad = parse(doc.dump(), "ita/2566.json");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().detail.find("answer_with must be page or evidence"), std::string::npos);
}

TEST(Framework, TheClarificationWindowFollowsTheCollectionInTheYear) {
  auto y2565 = parse(*embedded::find("ita/2565.json"), "ita/2565.json");
  ASSERT_TRUE(y2565);
  ASSERT_TRUE(y2565->oit_collection->clarification);
  EXPECT_EQ(y2565->oit_collection->clarification->first, calendar::make_date(2022, 6, 1));
  EXPECT_EQ(y2565->oit_collection->clarification->last, calendar::make_date(2022, 6, 15));
  auto again = parse(to_json(*y2565), "again");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->oit_collection->clarification, y2565->oit_collection->clarification);

  auto refused = [](nlohmann::json assessment) {
    auto doc = shipped_2566();
    doc["assessment"] = std::move(assessment);
    auto f = parse(doc.dump(), "ita/2566.json");
    return f ? std::string() : f.error().detail;
  };
  nlohmann::json a = {{"oit_opens", "2023-03-01"}, {"oit_closes", "2023-04-30"}};
  EXPECT_EQ(refused(a), "") << "a year without a window";
  a["clarification_opens"] = "2023-06-01";
  EXPECT_NE(refused(a).find("assessment.clarification_closes: a clarification window needs both its days"),
            std::string::npos);
  a["clarification_closes"] = "2023-05-31";
  EXPECT_NE(refused(a).find("must not be before clarification_opens"), std::string::npos);
  a["clarification_opens"] = "2023-04-20";
  a["clarification_closes"] = "2023-05-05";
  EXPECT_NE(refused(a).find("assessment.clarification_opens: must be after oit_closes"), std::string::npos);
  a["clarification_opens"] = "2023-09-25";
  a["clarification_closes"] = "2023-10-05";
  EXPECT_NE(refused(a).find("must fall in the fiscal year"), std::string::npos);
}

std::string levels_error(nlohmann::json levels) {
  auto doc = nlohmann::json::parse(*embedded::find("ita/2569.json"));
  doc["levels"] = std::move(levels);
  auto f = parse(doc.dump(), "ita/2569.json");
  EXPECT_FALSE(f);
  return f ? "" : f.error().detail;
}

TEST(Framework, OverlappingLevelsAreRefused) {
  auto doc = nlohmann::json::parse(*embedded::find("ita/2569.json"));
  nlohmann::json good = doc["levels"];
  auto swapped = good;
  std::swap(swapped[0], swapped[1]);
  EXPECT_NE(levels_error(swapped).find("levels[1]: levels overlap"), std::string::npos);
  auto twin = good;
  twin[2]["min_total"] = 85;
  twin[2]["min_each_tool"] = 85;  // the same as ผ่านดี
  EXPECT_NE(levels_error(twin).find("levels[2]: levels overlap"), std::string::npos);
  auto no_floor = good;
  no_floor.erase(no_floor.size() - 1);
  EXPECT_NE(levels_error(no_floor).find("the last level must start at 0"), std::string::npos);
  auto dup = good;
  dup[3]["name_th"] = "ผ่าน";
  EXPECT_NE(levels_error(dup).find("level ผ่าน appears twice"), std::string::npos);
  doc.erase("levels");
  auto none = parse(doc.dump(), "ita/2569.json");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().detail.find("a year needs grade_bands or levels"), std::string::npos);
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
  doc["items"][10]["role"] = "complaint_statistics";
  EXPECT_NE(parse_error(doc).find("unknown role complaint_statistics"), std::string::npos);
  doc = shipped_2566();
  doc["items"][0]["roles"] = {"news", "complaint_statistics"};
  EXPECT_NE(parse_error(doc).find("items[0] (O1): unknown role complaint_statistics"), std::string::npos);
  doc = shipped_2566();
  doc["items"][0]["roles"] = {"contact", "contact"};
  EXPECT_NE(parse_error(doc).find("role contact appears twice"), std::string::npos);
  doc = shipped_2566();
  doc["items"][0]["roles"] = "contact";
  EXPECT_NE(parse_error(doc).find("items[0] (O1)"), std::string::npos) << "roles is a list";
}

// An item may hold several roles (ITA 2569's O3: the contact details and the channel for
// questions); a file written when an item held one ("role") still reads, and is written back
// as a list.
TEST(Framework, AnItemHoldsSeveralRolesAndAnOlderFilesOneStillReads) {
  auto c = Catalogue::load();
  const Framework* f2569 = c->year(2569);
  EXPECT_EQ(f2569->by_role(role::contact)->code, "O3");
  EXPECT_EQ(f2569->by_role(role::questions)->code, "O3");
  EXPECT_EQ(f2569->by_role(role::e_service), f2569->by_role(role::service_statistics));
  EXPECT_EQ(c->year(2566)->by_role(role::news)->code, "O7");
  EXPECT_EQ(c->year(2568)->by_role(role::news)->code, "O4");
  for (std::string_view r : role::kAll) EXPECT_TRUE(known_role(r)) << r;

  nlohmann::json doc = nlohmann::json::parse(to_json(*c->year(2566)));
  EXPECT_EQ(doc["items"][41]["roles"], nlohmann::json::array({"measures_plan"}));
  doc["items"][41].erase("roles");
  doc["items"][41]["role"] = "measures_plan";
  auto older = parse(doc.dump(), "older.json");
  ASSERT_TRUE(older) << older.error().detail;
  EXPECT_EQ(older->by_role(role::measures_plan)->code, "O42");
  EXPECT_EQ(nlohmann::json::parse(to_json(*older))["items"][41]["roles"], nlohmann::json::array({"measures_plan"}));
  doc["items"][41]["roles"] = nlohmann::json::array({"measures_report"});
  EXPECT_EQ(parse_error(doc), "ita/2566.json: items[41] (O42): give roles only (role is its older spelling)");
}

}  // namespace
}  // namespace prongsai::framework

namespace prongsai::framework {
namespace {

// What `prongsai framework export` writes is what the loader reads, value for value.
TEST(Framework, EveryShippedYearRoundTripsThroughItsFile) {
  auto c = Catalogue::load();
  ASSERT_TRUE(c);
  for (int y : c->years()) {
    std::string once = to_json(*c->year(y));
    auto back = parse(once, "export");
    ASSERT_TRUE(back) << y << ": " << back.error().detail;
    EXPECT_EQ(to_json(*back), once) << y;
    EXPECT_EQ(back->items.size(), c->year(y)->items.size());
    EXPECT_EQ(back->levels.size(), c->year(y)->levels.size());
    EXPECT_EQ(back->answer_scales.at("likert4").note, c->year(y)->answer_scales.at("likert4").note);
  }
}

// A corrected version replaces the year in force; pointers to the earlier one stay good.
TEST(Framework, AnInstalledVersionIsInForceAndTheOldOneKept) {
  auto c = Catalogue::load();
  const Framework* shipped = c->year(2570);
  auto next = parse(to_json(*shipped), "edit");
  ASSERT_TRUE(next);
  next->version = 1;
  next->provisional = false;
  next->items[0].name_th = "โครงสร้างและอำนาจหน้าที่";
  ASSERT_TRUE(c->install(*next));
  EXPECT_EQ(c->year(2570)->version, 1);
  EXPECT_EQ(c->year(2570)->items[0].name_th, "โครงสร้างและอำนาจหน้าที่");
  EXPECT_EQ(shipped->items[0].name_th, "โครงสร้าง หน้าที่และอำนาจ") << "the old version, untouched";
  EXPECT_EQ(c->version(2570, 0), shipped);
  // A version whose codes the next year's crosswalk relies on cannot drop them.
  auto broken = parse(to_json(*c->year(2569)), "edit");
  ASSERT_TRUE(broken);
  broken->version = 1;
  broken->items.erase(broken->items.begin());  // O1, which 2570's crosswalk maps from
  auto refused = c->install(*broken);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().detail.find("crosswalk.map.O1: year 2569 has no item O1"), std::string::npos);
  EXPECT_EQ(c->year(2569)->version, 0);
}

}  // namespace
}  // namespace prongsai::framework
