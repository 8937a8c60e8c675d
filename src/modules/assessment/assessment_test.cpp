// The OIT answer sheet on both backends: proposed from the readiness check item by item, the
// admin's lines kept, audited and put back, bad input refused with nothing stored, and the
// exports in ITAS's order.
#include <gtest/gtest.h>

#include <set>

#include "documents/xml.hpp"
#include "modules/assessment/assessment.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "testing/testing.hpp"
#include "web/module.hpp"

namespace prongsai::assessment {
namespace {

using calendar::make_date;

const std::string kBase = "https://www.namom.go.th";

struct AnswersTest : ::testing::Test {
  void SetUp() override {
    f = testing::Fixture::make();
    admin = f->principal("admin@example.org");
    staff = f->principal("staff@example.org");
  }
  Answers& answers() { return f->app->get<Answers>(); }
  disclosure::Service& registry() { return f->app->get<disclosure::Service>(); }
  AnswerSheet sheet() { return *answers().sheet(f->agency_id, 2566, kBase + "/", today, Lang::th); }
  std::int64_t count(std::string_view sql) {
    return f->app->store().read([&](store::ReadTx& tx) { return tx.count(sql); });
  }
  void fill(const std::string& code) {
    ASSERT_TRUE(registry().add_evidence(admin, 2566, code,
                                        {"text", "ข้อมูล " + code, "รายละเอียด", "", "", "2022-10-03", std::nullopt}));
  }
  std::unique_ptr<testing::Fixture> f;
  http::Principal admin, staff;
  calendar::Date today = make_date(2023, 1, 15);
};

TEST_F(AnswersTest, TheProposalIsTheReadinessCheckItemByItem) {
  fill("O1");
  fill("O2");
  auto reg = registry().registry(f->agency_id, 2566, today, Lang::th);
  ASSERT_TRUE(reg);
  AnswerSheet s = sheet();
  ASSERT_EQ(s.lines.size(), reg->items.size());
  ASSERT_EQ(s.lines.size(), 43u);
  std::size_t ready = 0;
  for (std::size_t i = 0; i < s.lines.size(); ++i) {
    const AnswerLine& l = s.lines[i];
    const disclosure::ItemState& item = reg->items[i];
    EXPECT_EQ(l.item->code, item.item->code) << "the framework's order";
    const bool is_ready = item.readiness.status == disclosure::Status::ready;
    ready += is_ready ? 1 : 0;
    EXPECT_EQ(l.answer().has, is_ready) << l.item->code;
    EXPECT_EQ(l.readiness, is_ready ? "ready" : std::string(disclosure::to_string(item.readiness.status)));
    ASSERT_EQ(l.answer().urls.size(), 1u);
    EXPECT_EQ(l.answer().urls[0], kBase + "/ita/2566/" + l.item->code) << "no doubled slash";
    EXPECT_NE(l.answer().explanation.find("หน้าแรก › ITA/OIT › การประเมิน ITA และข้อมูล OIT › ปีงบประมาณ พ.ศ. 2566 › " +
                                          l.item->code + " "),
              std::string::npos)
        << l.answer().explanation;
    EXPECT_FALSE(l.edited);
  }
  EXPECT_GE(ready, 2u);  // O1, O2 and the items Prongsai's own pages answer
  EXPECT_EQ(s.yes(), ready);
  EXPECT_TRUE(s.find("O1")->answer().has);
  EXPECT_FALSE(s.find("O3")->answer().has);
}

TEST_F(AnswersTest, AnAdminsLineIsKeptAuditedAndPutBack) {
  const std::int64_t audited = count("SELECT COUNT(*) FROM audit_log");
  AnswerInput in{"yes", "https://www.namom.go.th/ita/2566/O3\n\n  https://www.namom.go.th/library/4  \n",
                 "แผนอยู่ในหน้าคลังเอกสาร ปีงบประมาณ 2566"};
  ASSERT_TRUE(answers().save(admin, 2566, "O3", in));
  AnswerSheet s = sheet();
  const AnswerLine* o3 = s.find("O3");
  ASSERT_TRUE(o3->edited);
  EXPECT_TRUE(o3->answer().has);
  EXPECT_FALSE(o3->proposed.has);
  EXPECT_EQ(o3->answer().urls,
            (std::vector<std::string>{"https://www.namom.go.th/ita/2566/O3", "https://www.namom.go.th/library/4"}));
  EXPECT_EQ(o3->answer().explanation, "แผนอยู่ในหน้าคลังเอกสาร ปีงบประมาณ 2566");
  EXPECT_FALSE(o3->edited_by.empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'ita_answer' AND entity_id = '2566/O3'"), 1);

  // Changed again, then put back: each audited; the line is the proposal again.
  in.answer = "no";
  in.explanation = "";
  ASSERT_TRUE(answers().save(admin, 2566, "O3", in));
  EXPECT_FALSE(sheet().find("O3")->answer().has);
  ASSERT_TRUE(answers().reset(admin, 2566, "O3"));
  EXPECT_FALSE(sheet().find("O3")->edited);
  EXPECT_EQ(count("SELECT COUNT(*) FROM assessment_answers"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audited + 3);
  ASSERT_TRUE(answers().reset(admin, 2566, "O3"));  // nothing to put back: nothing written
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audited + 3);
}

TEST_F(AnswersTest, BadLinesAreRefusedWithNothingStored) {
  auto refused = [&](const http::Principal& by, const std::string& code, AnswerInput in) {
    auto r = answers().save(by, 2566, code, in);
    EXPECT_FALSE(r);
    return r ? Error{} : r.error();
  };
  const std::string url = "https://www.namom.go.th/ita/2566/O5";
  EXPECT_EQ(refused(staff, "O5", {"yes", url, "ข้อมูล"}).kind, ErrorKind::forbidden);
  EXPECT_EQ(refused(admin, "O99", {"yes", url, "ข้อมูล"}).kind, ErrorKind::not_found);
  EXPECT_EQ(refused(admin, "E1", {"yes", url, "ข้อมูล"}).kind, ErrorKind::not_found) << "an OIT item only";
  EXPECT_EQ(refused(admin, "O5", {"maybe", url, "ข้อมูล"}).field, "answer");
  EXPECT_EQ(refused(admin, "O5", {"yes", "", "ข้อมูล"}).field, "urls");
  EXPECT_EQ(refused(admin, "O5", {"yes", "javascript:alert(1)", "ข้อมูล"}).field, "urls");
  EXPECT_EQ(refused(admin, "O5", {"yes", "www.namom.go.th/ita", "ข้อมูล"}).field, "urls");
  std::string six;
  for (int i = 0; i < 6; ++i) six += url + "?" + std::to_string(i) + "\n";
  EXPECT_EQ(refused(admin, "O5", {"yes", six, "ข้อมูล"}).message_key, "error.too_many");
  EXPECT_EQ(refused(admin, "O5", {"yes", url, ""}).field, "explanation") << "a yes says where";
  EXPECT_EQ(refused(admin, "O5", {"yes", url, std::string(1001, 'x')}).field, "explanation");
  EXPECT_EQ(refused(admin, "O5", {"yes", url, "bad \xff utf-8"}).field, "explanation");
  EXPECT_EQ(count("SELECT COUNT(*) FROM assessment_answers"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'ita_answer'"), 0);
}

TEST_F(AnswersTest, TheExportsListTheItemsInItassOrder) {
  fill("O1");
  ASSERT_TRUE(
      answers().save(admin, 2566, "O2", {"yes", "https://a.example/1\nhttps://a.example/2", "สองลิงก์, มี \"จุลภาค\""}));
  AnswerSheet s = sheet();

  std::string csv = answers_csv(s, Lang::th);
  ASSERT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u) << "a byte-order mark for spreadsheet programs";
  std::vector<std::string> lines;
  for (std::size_t start = 3, end; start < csv.size(); start = end + 2) {
    end = csv.find("\r\n", start);
    lines.push_back(csv.substr(start, end - start));
  }
  EXPECT_EQ(lines.front(), "ข้อ,ชื่อข้อมูล,คำตอบ,URL,คำอธิบายเพิ่มเติม");
  EXPECT_EQ(lines[1].rfind("O1,", 0), 0u);
  EXPECT_NE(lines[1].find(",มี,https://www.namom.go.th/ita/2566/O1,"), std::string::npos) << lines[1];
  // Two URLs in one quoted cell, one a line; the explanation's quotes doubled.
  EXPECT_NE(csv.find(",มี,\"https://a.example/1\nhttps://a.example/2\",\"สองลิงก์, มี \"\"จุลภาค\"\"\""), std::string::npos);
  EXPECT_NE(csv.find("\r\nO43,"), std::string::npos);

  std::string xlsx = documents::render_xlsx(answer_report(s, Lang::th));
  auto strings = documents::unzip_part(xlsx, "xl/sharedStrings.xml");
  auto sheet1 = documents::unzip_part(xlsx, "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(strings);
  ASSERT_TRUE(sheet1);
  std::size_t last = 0;
  for (const AnswerLine& l : s.lines) {
    std::size_t at = strings->find("<t>" + l.item->code + "</t>");
    ASSERT_NE(at, std::string::npos) << l.item->code;
    EXPECT_GT(at, last) << l.item->code << " comes after the one before";
    last = at;
  }
  EXPECT_NE(strings->find("https://a.example/1"), std::string::npos);

  std::string pdf = documents::render_pdf(answer_report(s, Lang::th));
  EXPECT_EQ(pdf.rfind("%PDF", 0), 0u);
}

// A year whose framework asks for the evidence itself ("answer_with": "evidence"): O2's line
// gives each usable piece's own address (the file under the item's page, the link as it is, the
// page for a text), once each; an item without evidence still gives its page.
TEST_F(AnswersTest, AnItemAnsweredWithItsEvidenceGivesEachPiecesAddress) {
  framework::Framework y = *f->app->catalogue().year(2566);
  y.version = 1;
  for (framework::Item& i : y.items)
    if (i.code == "O2" || i.code == "O3") i.answer_with_evidence = true;
  auto again = framework::parse(framework::to_json(y), "2566 v1");
  ASSERT_TRUE(again) << again.error().detail;
  EXPECT_TRUE(again->item("O2")->answer_with_evidence) << "kept by the file";
  EXPECT_FALSE(again->item("O1")->answer_with_evidence);
  ASSERT_TRUE(f->app->host().published_catalogue().install(*again));

  ASSERT_TRUE(registry().add_evidence(
      admin, 2566, "O2",
      {"link", "คำสั่ง", "", "https://www.namom.go.th/docs/order.pdf", "", "2022-10-03", std::nullopt}));
  ASSERT_TRUE(
      registry().add_evidence(admin, 2566, "O2", {"text", "หน้าที่", "ตามคำสั่ง", "", "", "2022-10-04", std::nullopt}));
  std::string pdf = "%PDF-1.4 duties";
  disclosure::EvidenceInput file{"file",       "ประกาศ", "", "", "", "2022-10-05", files::Upload{"a.pdf", pdf},
                                 std::nullopt, true};
  auto id = registry().add_evidence(admin, 2566, "O2", file);
  ASSERT_TRUE(id);
  AnswerSheet s = sheet();
  const std::string page = kBase + "/ita/2566/O2";
  EXPECT_EQ(s.find("O2")->proposed.urls, (std::vector<std::string>{"https://www.namom.go.th/docs/order.pdf", page,
                                                                   page + "/files/" + std::to_string(*id)}));
  EXPECT_EQ(s.find("O3")->proposed.urls, std::vector<std::string>{kBase + "/ita/2566/O3"}) << "no evidence yet";
  EXPECT_EQ(s.find("O1")->proposed.urls, std::vector<std::string>{kBase + "/ita/2566/O1"}) << "the page, as before";
}

TEST_F(AnswersTest, AYearWithoutAFrameworkHasNoSheet) {
  auto s = answers().sheet(f->agency_id, 2540, kBase, today, Lang::th);
  ASSERT_FALSE(s);
}

// ---- The assessor's result ----

struct ResultsTest : AnswersTest {
  Results& results() { return f->app->get<Results>(); }
  RoundResult result(int year, std::map<framework::Tool, double> estimated = {}) {
    return *results().result(f->agency_id, year, today, estimated);
  }
  // Every OIT item of `year` scored 100 at `stage` but those in `zero`.
  void score_all(int year, Stage stage, const std::set<std::string>& zero) {
    std::vector<ItemScoreInput> lines;
    for (const framework::Item* item : f->app->catalogue().year(year)->items_of(framework::Tool::oit))
      lines.push_back({item->code, zero.contains(item->code) ? "0" : "100", ""});
    ASSERT_TRUE(results().save_items(admin, year, stage, lines));
  }
};

// Worked by hand for 2566 (grades): O1 of 9.1's ten items and O42 of 10.2's two scored 0:
// 9.1 = 90, 9.2–9.5 = 100, so indicator 9 = (90 + 4 × 100) / 5 = 98; 10.1 = 100, 10.2 = 50, so
// indicator 10 = 75; OIT = (98 + 75) / 2 = 86.5. IIT 90, EIT 80.50: 0.3 × 90 + 0.3 × 80.5 +
// 0.4 × 86.5 = 27 + 24.15 + 34.6 = 85.75, grade A (85–94.99).
TEST_F(ResultsTest, TheTotalAndGradeAreTheFrameworksMethodWorkedByHand) {
  score_all(2566, Stage::preliminary, {"O1", "O42"});
  RoundResult r = result(2566);
  EXPECT_EQ(r.scored, 43u);
  EXPECT_FALSE(r.final) << "preliminary scores only";
  EXPECT_FALSE(r.total) << "no EIT or IIT yet";
  const ToolResult* oit = nullptr;
  for (const ToolResult& t : r.tools)
    if (t.tool == framework::Tool::oit) oit = &t;
  ASSERT_TRUE(oit && oit->real);
  EXPECT_NEAR(*oit->real, 86.5, 1e-9);
  ASSERT_TRUE(results().save_tools(admin, 2566, {{"iit", "90"}, {"eit", "80.50"}}));
  r = result(2566);
  ASSERT_TRUE(r.total);
  EXPECT_NEAR(*r.total, 85.75, 1e-9);
  EXPECT_EQ(r.level, "A");
  EXPECT_TRUE(r.passes);

  // The final scores take over: O42 passes after the clarification, 10.2 = 100, indicator 10 =
  // 100, OIT = (98 + 100) / 2 = 99, total 27 + 24.15 + 39.6 = 90.75.
  score_all(2566, Stage::final, {"O1"});
  r = result(2566);
  EXPECT_TRUE(r.final);
  EXPECT_NEAR(*r.total, 90.75, 1e-9);
  EXPECT_EQ(r.items[41].preliminary, 0);
  EXPECT_EQ(r.items[41].final, 100);

  // What the pages of estimates read through the hub (web/results.hpp), knowing no module.
  auto recorded = web::recorded_result(f->app->host(), f->agency_id, 2566);
  ASSERT_TRUE(recorded);
  EXPECT_NEAR(*recorded->total, 90.75, 1e-9);
  EXPECT_EQ(recorded->level, "A");
  EXPECT_TRUE(recorded->final);
  EXPECT_NEAR(recorded->tools.at("OIT"), 99, 1e-9);
  EXPECT_NEAR(recorded->tools.at("EIT"), 80.5, 1e-9);
  EXPECT_FALSE(web::recorded_result(f->app->host(), f->agency_id, 2567)) << "nothing recorded of 2567";
}

// 2570 reports levels: a total of 94 passes, but EIT under 85 holds it at ผ่าน (not ผ่านดี).
TEST_F(ResultsTest, ALevelYearSaysTheLevelAToolHoldsItAt) {
  score_all(2570, Stage::final, {});
  ASSERT_TRUE(results().save_tools(admin, 2570, {{"iit", "96"}, {"eit", "84.00"}}));
  RoundResult r = result(2570);
  ASSERT_TRUE(r.total);
  EXPECT_NEAR(*r.total, 0.3 * 96 + 0.3 * 84 + 0.4 * 100, 1e-9);  // 94
  EXPECT_EQ(r.level, "ผ่าน");
}

TEST_F(ResultsTest, TheEstimateIsSetBesideTheResultAndItsMissesNamed) {
  fill("O1");  // estimated to pass
  std::vector<ItemScoreInput> lines = {{"O1", "0", "ไม่พบโครงสร้างที่เป็นปัจจุบัน"}, {"O2", "100", ""}};
  ASSERT_TRUE(results().save_items(admin, 2566, Stage::preliminary, lines));
  RoundResult r = result(2566, {{framework::Tool::eit, 88.0}, {framework::Tool::iit, 91.0}});
  const ItemResult& o1 = r.items[0];
  EXPECT_TRUE(o1.estimated_pass);
  EXPECT_TRUE(o1.missed()) << "estimated to pass, scored 0";
  EXPECT_EQ(o1.comment, "ไม่พบโครงสร้างที่เป็นปัจจุบัน");
  const ItemResult& o2 = r.items[1];
  EXPECT_FALSE(o2.estimated_pass);
  EXPECT_TRUE(o2.missed()) << "estimated to fail, scored 100";
  EXPECT_FALSE(r.items[2].missed()) << "not scored: no miss";
  for (const ToolResult& t : r.tools) {
    if (t.tool == framework::Tool::eit) EXPECT_EQ(t.estimate, 88.0);
    if (t.tool == framework::Tool::oit) EXPECT_TRUE(t.estimate);
  }
  EXPECT_TRUE(r.estimated_total);
  EXPECT_FALSE(r.total);
}

TEST_F(ResultsTest, ScoresPastedFromItasAreReadLineByLineAndABadLineRefusesThemAll) {
  ASSERT_TRUE(results().save_items(admin, 2566, Stage::preliminary, {{"O3", "0", "ความเห็นเดิม"}}));
  // A heading, tabs, a comma in a comment, a line without a comment keeping the one kept.
  auto n = results().import_items(admin, 2566, Stage::preliminary,
                                  "ข้อ\tคะแนน\tความเห็น\nO1\t100\t\no2\t0\tไม่พบข้อมูล, ลิงก์เสีย\r\n\nO3\t100.00\n");
  ASSERT_TRUE(n) << n.error().message_key;
  EXPECT_EQ(*n, 3u);
  RoundResult r = result(2566);
  EXPECT_EQ(r.items[0].preliminary, 100);
  EXPECT_EQ(r.items[1].preliminary, 0);  // (O1 set to 0 below)
  EXPECT_EQ(r.items[1].comment, "ไม่พบข้อมูล, ลิงก์เสีย");
  EXPECT_EQ(r.items[2].preliminary, 100);
  EXPECT_EQ(r.items[2].comment, "ความเห็นเดิม");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'ita_item_score'"), 4);
  // The same paste again changes nothing, and writes nothing; a change keeps what it was.
  ASSERT_TRUE(results().import_items(admin, 2566, Stage::preliminary, "O1\t100\nO3\t100.00\n"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'ita_item_score'"), 4);
  ASSERT_TRUE(results().import_items(admin, 2566, Stage::preliminary, "O1\t0\n"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = 'ita_item_score' AND action = 'update' AND "
                  "entity_id = '2566/O1' AND before_json LIKE '%\"preliminary\":100%'"),
            1);

  // Comma-separated works too; a bad line anywhere stores nothing and names its line.
  auto bad = results().import_items(admin, 2566, Stage::final, "O1,100\nO2,50\n");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "import");
  EXPECT_EQ(bad.error().message_key, "assessment.score_0_or_100");
  auto unknown = results().import_items(admin, 2566, Stage::final, "O1,100\nO99,0\n");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message_key, "assessment.unknown_item");
  EXPECT_EQ(unknown.error().shown, "O99");
  auto no_score = results().import_items(admin, 2566, Stage::final, "O1,100\nO2\n");
  ASSERT_FALSE(no_score);
  EXPECT_EQ(no_score.error().shown, "2");
  EXPECT_FALSE(results().import_items(admin, 2566, Stage::final, ""));
  EXPECT_FALSE(results().import_items(staff, 2566, Stage::final, "O1,100"));
  for (const ItemResult& i : result(2566).items) EXPECT_FALSE(i.final) << i.item->code;
}

TEST_F(ResultsTest, ToolScoresAreHundredthsFromZeroToAHundred) {
  for (std::string bad : {"100.01", "-1", "84.523", "eighty", "84,5", ".5", "1e2", "99999"}) {
    auto r = results().save_tools(admin, 2566, {{"eit", bad}});
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().field, "eit") << bad;
  }
  EXPECT_FALSE(results().save_tools(staff, 2566, {{"eit", "90"}}));
  ASSERT_TRUE(results().save_tools(admin, 2566, {{"eit", "100"}, {"iit", "0.5"}}));
  RoundResult r = result(2566);
  for (const ToolResult& t : r.tools) {
    if (t.tool == framework::Tool::eit) EXPECT_EQ(t.real, 100.0);
    if (t.tool == framework::Tool::iit) EXPECT_EQ(t.real, 0.5);
  }
  ASSERT_TRUE(results().save_tools(admin, 2566, {{"eit", ""}}));  // cleared
  for (const ToolResult& t : result(2566).tools)
    if (t.tool == framework::Tool::eit) EXPECT_FALSE(t.real);
  EXPECT_EQ(count("SELECT COUNT(*) FROM assessment_tool_scores"), 1);
}

}  // namespace
}  // namespace prongsai::assessment
