// Publishing a framework file: in force at once here and after a refresh elsewhere, kept across
// restarts, the earlier version kept; a file with a fault is refused whole and nothing stored.
#include "modules/frameworks/frameworks.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/thai_calendar.hpp"
#include "testing/testing.hpp"

namespace prongsai::frameworks {
namespace {

using nlohmann::json;

json file_of(app::App& app, int year) { return json::parse(*app.get<frameworks::Service>().export_year(year)); }

TEST(Frameworks, ACorrectionIsTheNextVersionInForceHereAndAfterARestart) {
  auto f = testing::Fixture::make();
  app::App& app = *f->app;
  ASSERT_EQ(app.catalogue().year(2570)->version, 0);
  json doc = file_of(app, 2570);
  doc.erase("provisional");
  doc.erase("provisional_note");
  doc["items"][0]["name_th"] = "โครงสร้างและอำนาจหน้าที่";
  auto v = app.get<frameworks::Service>().publish(store::Actor::cli(), doc.dump(), "2570.json", "คู่มือ ITA 2570 ออกแล้ว");
  ASSERT_TRUE(v) << v.error().detail;
  EXPECT_EQ(v->version, 1);
  EXPECT_EQ(app.catalogue().year(2570)->version, 1);
  EXPECT_FALSE(app.catalogue().year(2570)->provisional);
  EXPECT_EQ(app.catalogue().year(2570)->items[0].name_th, "โครงสร้างและอำนาจหน้าที่");
  EXPECT_EQ(app.catalogue().version(2570, 0)->items[0].name_th, "โครงสร้าง หน้าที่และอำนาจ");
  auto listed = app.get<frameworks::Service>().versions(2570);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].note, "คู่มือ ITA 2570 ออกแล้ว");
  EXPECT_EQ(json::parse(*app.get<frameworks::Service>().export_year(2570, 0))["provisional"], true);

  doc["items"][1]["name_th"] = "ข้อมูลผู้บริหารและอำนาจหน้าที่";
  ASSERT_EQ(app.get<frameworks::Service>().publish(store::Actor::cli(), doc.dump(), "2570.json", "")->version, 2);
  f->reopen();
  EXPECT_EQ(f->app->catalogue().year(2570)->version, 2) << "published versions load at start";
  EXPECT_EQ(f->app->catalogue().year(2570)->items[1].name_th, "ข้อมูลผู้บริหารและอำนาจหน้าที่");
  EXPECT_TRUE(f->app->catalogue().version(2570, 1));
}

TEST(Frameworks, AnotherNodeTakesWhatWasPublishedAtItsRefresh) {
  if (testing::on_postgresql()) GTEST_SKIP() << "two apps on one SQLite file; PostgreSQL is the same code";
  auto f = testing::Fixture::make();
  app::Options options = f->app->options();
  options.must_exist = true;
  auto other = app::App::open(options, *f->clock);
  ASSERT_TRUE(other);
  json doc = file_of(*f->app, 2571 - 1);
  doc["year"] = 2571;
  doc["title_th"] = "เกณฑ์ ITA 2571 (ทดลอง)";
  doc["assessment"] = {{"oit_opens", "2028-03-01"}, {"oit_closes", "2028-04-30"}};
  doc["crosswalk"] = {{"from_year", 2570}, {"map", {{"O1", "O1"}}}};
  ASSERT_TRUE(f->app->get<frameworks::Service>().publish(store::Actor::cli(), doc.dump(), "2571.json", ""));
  EXPECT_FALSE((*other)->catalogue().year(2571));
  EXPECT_EQ((*other)->get<frameworks::Service>().refresh(), 1);
  ASSERT_TRUE((*other)->catalogue().year(2571));
  EXPECT_EQ((*other)->catalogue().year(2571)->title_th, "เกณฑ์ ITA 2571 (ทดลอง)");
  EXPECT_EQ((*other)->get<frameworks::Service>().refresh(), 0);
}

// A national host publishes a year once; an agency's installation imports the same file.
TEST(Frameworks, ExportedFromOneInstallationImportedIntoAnotherIsTheSameFramework) {
  auto national = testing::Fixture::make();
  json doc = file_of(*national->app, 2570);
  doc["items"][2]["requirement"] = "ช่องทางการติดต่อ: ที่อยู่ โทรศัพท์ อีเมล แผนที่";
  ASSERT_TRUE(national->app->get<frameworks::Service>().publish(store::Actor::cli(), doc.dump(), "2570.json", ""));
  std::string published = *national->app->get<frameworks::Service>().export_year(2570);
  auto agency = testing::Fixture::make();
  ASSERT_TRUE(
      agency->app->get<frameworks::Service>().publish(store::Actor::cli(), published, "from-national.json", ""));
  EXPECT_EQ(*agency->app->get<frameworks::Service>().export_year(2570), published);
}

TEST(Frameworks, AFileWithAFaultIsRefusedWholeNamingTheEntry) {
  auto f = testing::Fixture::make();
  app::App& app = *f->app;
  auto refused = [&](const json& doc) {
    auto r = app.get<frameworks::Service>().publish(store::Actor::cli(), doc.dump(), "x.json", "");
    EXPECT_FALSE(r);
    return r ? std::string() : r.error().detail;
  };
  json dup = file_of(app, 2569);
  dup["items"][3]["code"] = "O1";
  EXPECT_EQ(refused(dup), "x.json: items[3]: code O1 appears twice");
  json orphan = file_of(app, 2569);
  orphan["items"][0]["sub_indicator"] = "9.42";
  EXPECT_NE(refused(orphan).find("items[0] (O1): unknown sub_indicator 9.42"), std::string::npos);
  json weights = file_of(app, 2569);
  weights["tools"][2]["weight"] = 0.5;
  EXPECT_NE(refused(weights).find("tools: weights must add up to 1"), std::string::npos);
  json overlap = file_of(app, 2569);
  overlap["levels"][3]["min_total"] = 90;
  EXPECT_NE(refused(overlap).find("levels[3]: levels overlap"), std::string::npos);
  json roles = file_of(app, 2569);
  roles["items"][5]["role"] = "measures_report";  // O6, which holds no role
  EXPECT_NE(refused(roles).find("role measures_report is held by O6 already"), std::string::npos);
  json unknown = file_of(app, 2569);
  unknown["crosswalk"]["map"]["O99"] = "O1";
  EXPECT_NE(refused(unknown).find("crosswalk.map.O99: year 2568 has no item O99"), std::string::npos);
  json dropped = file_of(app, 2569);
  dropped["items"].erase(0);  // O1, which 2570's crosswalk maps from
  dropped["crosswalk"]["map"]["O1"] = nullptr;
  EXPECT_NE(refused(dropped).find("crosswalk.map.O1: year 2569 has no item O1"), std::string::npos);
  auto not_utf8 =
      app.get<frameworks::Service>().publish(store::Actor::cli(), "{\"title_th\": \"\xff\"}", "bad.json", "");
  ASSERT_FALSE(not_utf8);
  EXPECT_NE(not_utf8.error().detail.find("not UTF-8"), std::string::npos);
  std::string huge(Service::kMaxDocumentBytes + 1, ' ');
  auto too_large = app.get<frameworks::Service>().publish(store::Actor::cli(), huge, "huge.json", "");
  ASSERT_FALSE(too_large);
  EXPECT_EQ(too_large.error().kind, ErrorKind::too_large);
  for (int y : {2568, 2569, 2570}) {
    EXPECT_TRUE(app.get<frameworks::Service>().versions(y).empty()) << y << ": nothing stored";
    EXPECT_EQ(app.catalogue().year(y)->version, 0);
  }
}

}  // namespace
}  // namespace prongsai::frameworks

namespace prongsai::frameworks {
namespace {

// Scores and plans keep the version they were made with; what is made after a correction
// takes the new one.
TEST(Frameworks, ACorrectionLeavesEarlierScoresAndPlansOnTheirVersion) {
  auto f = testing::Fixture::make();
  app::App& app = *f->app;
  f->clock->set(calendar::start_of_day(calendar::make_date(2026, 12, 5)) + 36000);
  auto admin = f->principal("admin@example.org");
  surveys::SurveyInput in{"eit", "2570", "EIT 2570", "", "2026-12-01", "2027-01-31", "10"};
  auto before = app.get<surveys::Service>().create(admin, in);
  ASSERT_TRUE(before);
  auto survey = *app.get<surveys::Service>().get(admin, *before);
  EXPECT_EQ(survey.framework_version, 0);
  auto lines = *app.get<surveys::Service>().lines(survey);
  std::map<std::string, std::string, std::less<>> answers;
  for (const surveys::Line& l : lines) answers[l.key] = std::to_string(l.scale->options[1].value);  // "น้อย": 33
  ASSERT_TRUE(app.get<surveys::Service>().answer(f->agency_id, survey.token, answers));
  double scored = *app.get<surveys::Service>().scores(admin, survey.id)->total;
  measures::IssueDraft d =
      measures::draft_for_item(*app.catalogue().year(2569), *app.catalogue().year(2569)->item("E1"));
  d.steps = "1. ประชุมชี้แจงเจ้าหน้าที่";
  d.unit_ids = {std::to_string(app.get<accounts::Service>().units(f->agency_id).at(0).id)};
  auto saved = app.get<measures::Service>().save_issue(admin, 2570, std::nullopt, d);
  ASSERT_TRUE(saved) << saved.error().detail;

  // The NACC's manual corrects the scale (33.33 / 66.67) of 2570, and renames 2569's E1.
  json y2570 = file_of(app, 2570);
  y2570["answer_scales"]["likert4"]["options"][1]["score"] = 33.33;
  y2570["answer_scales"]["likert4"]["options"][2]["score"] = 66.67;
  ASSERT_TRUE(app.get<frameworks::Service>().publish(store::Actor::cli(), y2570.dump(), "2570.json", "scale"));
  json y2569 = file_of(app, 2569);
  for (json& item : y2569["items"])
    if (item["code"] == "E1") item["question_th"] = "คำถามที่แก้ไขแล้ว";
  ASSERT_TRUE(app.get<frameworks::Service>().publish(store::Actor::cli(), y2569.dump(), "2569.json", "E1"));

  survey = *app.get<surveys::Service>().get(admin, *before);
  EXPECT_EQ(survey.framework_version, 0);
  EXPECT_DOUBLE_EQ(*app.get<surveys::Service>().scores(admin, survey.id)->total, scored)
      << "scored by the version it was made with";
  auto after = app.get<surveys::Service>().create(
      admin, surveys::SurveyInput{"eit", "2570", "EIT 2570 (2)", "", "2026-12-01", "2027-01-31", "10"});
  ASSERT_TRUE(after);
  EXPECT_EQ(app.get<surveys::Service>().get(admin, *after)->framework_version, 1);

  auto plan = app.get<measures::Service>().plan(f->agency_id, 2570);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->framework_version, 0);
  EXPECT_EQ(app.get<measures::Service>().cited_framework(*plan)->version, 0);
  EXPECT_NE(app.get<measures::Service>().cited_framework(*plan)->item("E1")->question_th, "คำถามที่แก้ไขแล้ว");
  EXPECT_EQ(app.catalogue().year(2569)->item("E1")->question_th, "คำถามที่แก้ไขแล้ว");
}

}  // namespace
}  // namespace prongsai::frameworks

namespace prongsai::frameworks {
namespace {

// The workshop's indicator section: rows in, a document whose tools and items still agree.
TEST(Workshop, IndicatorsRenumberedRenamedAndRemovedTakeToolsAndItemsAlong) {
  auto f = testing::Fixture::make();
  json doc = file_of(*f->app, 2569);
  std::vector<IndicatorRow> rows;
  std::vector<SubIndicatorRow> subs;
  for (const json& ind : doc["indicators"]) {
    int n = ind["number"];
    rows.push_back({n, n, ind["tool"], ind["name_th"], ind.value("name_en", ""), ind.value("verified", false)});
    for (const json& s : ind.value("sub_indicators", json::array()))
      subs.push_back({s["code"], n, s["code"], s["name_th"], s.value("name_en", "")});
  }
  rows[9].number = 11;   // indicator 10 (corruption prevention) becomes 11
  rows[7].name_th = "";  // indicator 8 (EIT) removed
  rows.push_back({0, 8, "EIT", "การปรับปรุงระบบการทำงาน (ใหม่)", "", false});
  for (SubIndicatorRow& s : subs)
    if (s.code == "9.1") s.code = "9.01";
  subs.push_back({"", 9, "9.10", "ข้อมูลเปิด", ""});
  set_indicators(doc, rows, subs);

  EXPECT_EQ(doc["tools"][0]["indicators"], json({1, 2, 3, 4, 5}));
  EXPECT_EQ(doc["tools"][1]["indicators"], json({6, 7, 8}));
  EXPECT_EQ(doc["tools"][2]["indicators"], json({9, 11}));
  const json& eight = doc["indicators"].back();
  EXPECT_EQ(eight["name_th"], "การปรับปรุงระบบการทำงาน (ใหม่)");
  EXPECT_FALSE(eight.contains("sub_indicators"));
  auto item = [&](const std::string& code) {
    for (const json& i : doc["items"])
      if (i["code"] == code) return i;
    return json();
  };
  EXPECT_EQ(item("O1")["sub_indicator"], "9.01");
  EXPECT_EQ(item("O2")["sub_indicator"], "9.01");
  EXPECT_EQ(item("E1")["indicator"], 6);
  // The new sub-indicator 9.10 has no items yet: kept in the draft, and the loader says so.
  auto loaded = framework::parse(doc.dump(), "draft");
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().detail.find("sub-indicator 9.10 has no items"), std::string::npos);
  subs.pop_back();
  doc = file_of(*f->app, 2569);
  rows.pop_back();
  rows[7].name_th = doc["indicators"][7]["name_th"];
  set_indicators(doc, rows, subs);
  loaded = framework::parse(doc.dump(), "draft");
  ASSERT_TRUE(loaded) << loaded.error().detail;
  EXPECT_EQ(loaded->item("O23")->indicator, 11);
  EXPECT_EQ(loaded->item("O1")->sub_indicator, "9.01");
}

TEST(Workshop, SubQuestionsAreALineEachANegativeOneMarked) {
  json q = sub_questions_of("เป็นไปตามขั้นตอน\r\n\n(-)  เรียกรับสินบน \n");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0], json({{"text_th", "เป็นไปตามขั้นตอน"}, {"polarity", "positive"}}));
  EXPECT_EQ(q[1], json({{"text_th", "เรียกรับสินบน"}, {"polarity", "negative"}}));
  EXPECT_EQ(text_of_sub_questions(q), "เป็นไปตามขั้นตอน\n(-) เรียกรับสินบน");
  EXPECT_EQ(sub_questions_of(text_of_sub_questions(q)), q);
}

}  // namespace
}  // namespace prongsai::frameworks
