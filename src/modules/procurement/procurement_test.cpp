// The procurement register on both backends: a purchase typed in and corrected, totals by month
// and by method (by hand and against the fixture's own), an e-GP import that adds, shows a
// changed project as a diff and changes nothing when run again, a purchase's announcements from
// the library, and who may keep the register.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "documents/xml.hpp"
#include "modules/disclosure/disclosure.hpp"
#include "modules/library/library.hpp"
#include "modules/procurement/egp.hpp"
#include "modules/procurement/procurement.hpp"
#include "modules/procurement/summary.hpp"
#include "testing/testing.hpp"

namespace prongsai::procurement {
namespace {

struct ProcurementTest : ::testing::Test {
  void SetUp() override { f = testing::Fixture::make(); }
  Register& reg() { return f->app->get<Register>(); }
  http::Principal officer() { return f->principal("supplies@example.org"); }
  std::int64_t count(const char* table) {
    return f->app->store().read(
        [&](store::ReadTx& tx) { return tx.count(std::string("SELECT COUNT(*) FROM ") + table); });
  }
  std::vector<Project> read(const std::string& json, int year = 2567) {
    auto r = egp::read_cgdcontract(json, year, Lang::th);
    EXPECT_TRUE(r) << (r ? "" : r.error().shown);
    return r ? *r : std::vector<Project>{};
  }
  ImportResult import(const std::string& json, const std::set<std::string>& accept = {}) {
    ImportPlan plan = reg().plan_import(f->agency_id, 2567, read(json), Lang::th);
    auto r = reg().apply_import(store::Actor::cli(), f->agency_id, plan, accept);
    EXPECT_TRUE(r);
    return r ? *r : ImportResult{};
  }
  // The year's totals as the officer's page shows them.
  std::optional<YearTotals> totals() {
    auto year = reg().year(officer(), 2567);
    EXPECT_TRUE(year);
    if (!year) return std::nullopt;
    return Register::totals_of(*year, 2567);
  }
  ProjectInput typed() {
    ProjectInput in;
    in.name = "จัดซื้อวัสดุสำนักงาน";
    in.method = "specific";
    in.status = "contracted";
    in.budget = "10,000";
    in.reference_price = "9,800.00";
    in.agreed_price = "9,750.50";
    in.vendor = "ร้านสมหมายพาณิชย์";
    in.reason = "เป็นผู้มีคุณสมบัติครบถ้วนและเสนอราคาต่ำสุด";
    in.bids = {{"ร้านสมหมายพาณิชย์", "9,750.50"}, {"ร้านวัสดุภัณฑ์", "9800"}, {" ", ""}};
    in.contracts = {{"12/2567", "ร้านสมหมายพาณิชย์", "9,750.50", "2024-01-15", ""}, {"", "", "", "", ""}};
    return in;
  }
  std::unique_ptr<testing::Fixture> f;
};

// Six purchases worked by hand: October 2 (one cancelled), January 1 with two contracts, March 2
// (one without an agreed price), one with no date yet.
constexpr const char* kSix = R"~({"result": [
  {"project_id": "1001", "project_name": "จัดซื้อน้ำมัน", "purchase_method_name": "เฉพาะเจาะจง",
   "contract": [{"contract_no": "1/2567", "winner": "ก", "price_agree": 10000, "contract_date": "3 ต.ค. 66"}]},
  {"project_id": "1002", "project_name": "จ้างซ่อมถนน", "purchase_method_name": "e-bidding",
   "project_status": "ยกเลิกโครงการ", "announce_date": "20 ต.ค. 66", "sum_price_agree": 500000},
  {"project_id": "1003", "project_name": "จ้างก่อสร้างอาคาร", "purchase_method_name": "e-bidding",
   "contract": [{"contract_no": "2/2567", "winner": "ข", "price_agree": "1,000,000.50", "contract_date": "9 ม.ค. 67"},
                {"contract_no": "3/2567", "winner": "ค", "price_agree": 250000, "contract_date": "10 ม.ค. 67"}]},
  {"project_id": "1004", "project_name": "จัดซื้อวัสดุ", "purchase_method_name": "เฉพาะเจาะจง",
   "contract": [{"contract_no": "4/2567", "winner": "ก", "price_agree": "2,500.25", "contract_date": "1 มี.ค. 67"}]},
  {"project_id": "1005", "project_name": "จัดซื้อครุภัณฑ์", "purchase_method_name": "คัดเลือก",
   "announce_date": "31 มี.ค. 67"},
  {"project_id": "1006", "project_name": "จ้างเหมาบริการ", "purchase_method_name": "เฉพาะเจาะจง"}]})~";

TEST_F(ProcurementTest, TotalsByMonthAndMethodAsWorkedByHand) {
  ImportResult r = import(kSix);
  EXPECT_EQ(r.added, 6);
  auto t = totals();
  EXPECT_EQ(t->projects, 6);
  EXPECT_EQ(t->undated, 1);
  // October: 1001 (10,000) and 1002 (cancelled: counted, nothing agreed).
  EXPECT_EQ(t->months[0].projects, 2);
  EXPECT_EQ(t->months[0].cancelled, 1);
  EXPECT_EQ(t->months[0].agreed, 1'000'000);
  // January: 1003, its two contracts 1,000,000.50 + 250,000.
  EXPECT_EQ(t->months[3].projects, 1);
  EXPECT_EQ(t->months[3].agreed, 125'000'050);
  // March: 1004 (2,500.25) and 1005 (nothing agreed yet).
  EXPECT_EQ(t->months[5].projects, 2);
  EXPECT_EQ(t->months[5].agreed, 250'025);
  EXPECT_EQ(t->months[6].projects, 0);
  // 1,262,500.75 in all.
  EXPECT_EQ(t->agreed, 126'250'075);
  ASSERT_EQ(t->methods.size(), 3u);  // specific, e_bidding, selection: the cancelled e-bidding counts not
  EXPECT_EQ(t->methods[0].method, "specific");
  EXPECT_EQ(t->methods[0].projects, 3);
  EXPECT_EQ(t->methods[0].agreed, 1'250'025);
  EXPECT_EQ(t->methods[1].method, "e_bidding");
  EXPECT_EQ(t->methods[1].projects, 1);
  EXPECT_EQ(t->methods[2].method, "selection");
  EXPECT_EQ(baht(t->agreed), "1,262,500.75");
}

TEST_F(ProcurementTest, TheFixturesTotalsMatchItsOwn) {
  const std::string file = testing::read_source_file("tests/fixtures/procurement/cgdcontract-2567.json");
  const auto expected =
      nlohmann::json::parse(testing::read_source_file("tests/fixtures/procurement/expected-2567.json"));
  ImportResult r = import(file);
  EXPECT_EQ(r.added, expected["projects"].get<std::int64_t>());
  EXPECT_EQ(r.other_year, expected["other_year"].get<std::int64_t>());
  auto t = totals();
  EXPECT_EQ(t->undated, 0);
  for (const MonthTotal& m : t->months) {
    std::string key = calendar::iso(m.days.first).substr(0, 7);
    const auto& e = expected["months"];
    if (!e.contains(key)) {
      EXPECT_EQ(m.projects, 0) << key;  // April 2024: a month with none
      continue;
    }
    EXPECT_EQ(m.projects, e[key]["projects"].get<std::int64_t>()) << key;
    EXPECT_EQ(m.cancelled, e[key]["cancelled"].get<std::int64_t>()) << key;
    EXPECT_EQ(m.agreed, e[key]["agreed"].get<std::int64_t>()) << key;
  }
  EXPECT_EQ(t->months[6].projects, 0);  // April
  for (const MethodTotal& m : t->methods) {
    EXPECT_EQ(m.projects, expected["methods"][m.method]["projects"].get<std::int64_t>()) << m.method;
    EXPECT_EQ(m.agreed, expected["methods"][m.method]["agreed"].get<std::int64_t>()) << m.method;
  }
  EXPECT_EQ(t->methods.size(), expected["methods"].size());

  // Again: nothing added, nothing changed, nothing written.
  std::int64_t audit_rows = count("audit_log");
  ImportResult again = import(file);
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.changed, 0);
  EXPECT_EQ(again.unchanged, 240);
  EXPECT_EQ(count("audit_log"), audit_rows);
  EXPECT_EQ(count("procurement_projects"), 240);
}

TEST_F(ProcurementTest, TheMonthlySummaryHoldsEveryPurchaseOfItsMonthAndAnEmptyMonthSaysSo) {
  import(kSix);
  const std::vector<Project> year = reg().projects(f->agency_id, 2567);
  const calendar::Date as_of = calendar::make_date(2024, 4, 10);
  // March 2024 (the fiscal year's sixth month): 1004 and 1005.
  std::vector<Project> march = of_month(year, 2567, 6);
  ASSERT_EQ(march.size(), 2u);
  documents::TableReport r = monthly_summary(march, 2567, 6, "องค์การบริหารส่วนตำบลนาหม่อม", Lang::th, as_of);
  EXPECT_EQ(r.heading[0], "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน มีนาคม 2567");
  ASSERT_EQ(r.rows.size(), 2u);
  for (const auto& row : r.rows) EXPECT_EQ(row.size(), r.columns.size());
  EXPECT_EQ(r.rows[0][1][0], "จัดซื้อวัสดุ");
  EXPECT_EQ(r.rows[0][1][1], "เลขที่โครงการ e-GP 1004");
  EXPECT_EQ(r.rows[0][6][1], "2,500.25");
  EXPECT_EQ(r.rows[0][8][0], "4/2567 1 มี.ค. 2567");
  EXPECT_EQ(r.rows[1][4][0], "คัดเลือก");
  const std::string xlsx = documents::render_xlsx(r);
  auto strings = documents::unzip_part(xlsx, "xl/sharedStrings.xml");
  ASSERT_TRUE(strings);
  for (const char* cell : {"จัดซื้อวัสดุ", "จัดซื้อครุภัณฑ์", "2,500.25", "งานที่จัดซื้อหรือจัดจ้าง"})
    EXPECT_NE(strings->find(cell), std::string::npos) << cell;
  // April: none.
  documents::TableReport april = monthly_summary(of_month(year, 2567, 7), 2567, 7, "อบต.", Lang::th, as_of);
  ASSERT_EQ(april.rows.size(), 1u);
  EXPECT_EQ(april.rows[0][1][0], "ไม่มีการจัดซื้อจัดจ้าง");
  EXPECT_NE(documents::render_csv(april).find("ไม่มีการจัดซื้อจัดจ้าง"), std::string::npos);
}

// The six purchases by method and by quarter, worked by hand: five not cancelled, 1,262,500.75
// agreed; specific 3 (10,000 + 2,500.25), e-bidding 1 (1,250,000.50), selection 1 (nothing
// agreed yet); the first quarter 1001 alone, the second 1003, 1004 and 1005; 1006 undated.
TEST_F(ProcurementTest, TheAnnualReportCountsByMethodAndQuarterAsWorkedByHand) {
  import(kSix);
  const std::vector<Project> year = reg().projects(f->agency_id, 2567);
  AnnualTexts texts{"จัดซื้อส่วนใหญ่ด้วยวิธีเฉพาะเจาะจง\nมูลค่าสูงสุดอยู่ในไตรมาสที่ 2", "", "วางแผนจัดซื้อให้กระจายตลอดปี"};
  documents::TableReport r =
      annual_report(year, 2567, "องค์การบริหารส่วนตำบลนาหม่อม", texts, Lang::th, calendar::make_date(2024, 10, 5));
  EXPECT_EQ(r.heading[0], "รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ ประจำปีงบประมาณ พ.ศ. 2567");
  EXPECT_TRUE(r.portrait);
  EXPECT_NE(r.intro.find("ทั้งสิ้น 5 รายการ (ยกเลิก 1 รายการ)"), std::string::npos) << r.intro;
  EXPECT_NE(r.intro.find("1,262,500.75"), std::string::npos) << r.intro;
  auto row = [&](const std::string& what) -> std::vector<std::string> {
    for (const auto& cells : r.rows)
      if (cells[0][0].starts_with(what)) {
        std::vector<std::string> out;
        for (const auto& c : cells) out.push_back(c.empty() ? "" : c[0]);
        return out;
      }
    ADD_FAILURE() << "no row " << what;
    return {};
  };
  EXPECT_EQ(row("เฉพาะเจาะจง"), (std::vector<std::string>{"เฉพาะเจาะจง", "3", "60.00", "12,500.25", "0.99"}));
  EXPECT_EQ(row("ประกวดราคา"),
            (std::vector<std::string>{"ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "1", "20.00", "1,250,000.50", "99.01"}));
  EXPECT_EQ(row("คัดเลือก"), (std::vector<std::string>{"คัดเลือก", "1", "20.00", "0.00", "0.00"}));
  EXPECT_EQ(row("ไตรมาสที่ 1")[1], "1");
  EXPECT_EQ(row("ไตรมาสที่ 1")[3], "10,000.00");
  EXPECT_EQ(row("ไตรมาสที่ 2"), (std::vector<std::string>{"ไตรมาสที่ 2 (1 ม.ค. 2567 – 31 มี.ค. 2567)", "3", "60.00",
                                                        "1,252,500.75", "99.21"}));
  EXPECT_EQ(row("ไตรมาสที่ 3")[1], "0");
  EXPECT_EQ(row("รวมทั้งปี"), (std::vector<std::string>{"รวมทั้งปี", "5", "100.00", "1,262,500.75", "100.00"}));
  // The chart: what was agreed by quarter, in millions of baht (a quarter passed one million).
  ASSERT_TRUE(r.chart);
  EXPECT_EQ(r.chart_unit, "ล้านบาท");
  ASSERT_EQ(r.chart->groups.size(), 4u);
  EXPECT_DOUBLE_EQ(r.chart->groups[1].bars[0].value, 1.3);
  // The officer's texts, a paragraph a line; an empty one left out.
  ASSERT_EQ(r.closing.size(), 2u);
  EXPECT_EQ(r.closing[0].heading, "ผลการวิเคราะห์การจัดซื้อจัดจ้าง");
  EXPECT_EQ(r.closing[0].paragraphs.size(), 2u);
  EXPECT_EQ(r.closing[1].heading, "ข้อเสนอแนะและแนวทางการปรับปรุง");

  // The PDF holds the figures, the chart's title and the texts; the XLSX a chart of Excel's own.
  const std::string pdf =
      testing::without_whitespace(testing::run_on_file("pdftotext -raw -enc UTF-8 {} -", documents::render_pdf(r)));
  for (const char* said :
       {"1,252,500.75", "มูลค่าการจัดซื้อจัดจ้างรายไตรมาส", "มูลค่าสูงสุดอยู่ในไตรมาสที่2", "วางแผนจัดซื้อให้กระจายตลอดปี"})
    EXPECT_NE(pdf.find(said), std::string::npos) << said;
  const std::string xlsx = documents::render_xlsx(r);
  auto chart = documents::unzip_part(xlsx, "xl/charts/chart1.xml");
  ASSERT_TRUE(chart);
  EXPECT_NE(chart->find("<c:barChart>"), std::string::npos);
  EXPECT_NE(chart->find("Sheet1!$B$"), std::string::npos);
  EXPECT_EQ(documents::unzip_part(xlsx, "xl/sharedStrings.xml")->find("ปัญหาและอุปสรรค"), std::string::npos)
      << "an empty section is left out";
}

TEST_F(ProcurementTest, AChangedProjectIsADiffTheOfficerAccepts) {
  import(kSix);
  // The officer records the delivery of 1001 and a reason; e-GP later corrects 1003's second
  // contract price and still calls 1001 contracted.
  auto projects = reg().year(officer(), 2567);
  ASSERT_TRUE(projects);
  std::string changed = kSix;
  auto replace = [&](const std::string& from, const std::string& to) {
    ASSERT_NE(changed.find(from), std::string::npos) << from;
    changed.replace(changed.find(from), from.size(), to);
  };
  replace(R"("price_agree": 250000)", R"("price_agree": 240000)");
  replace(R"("project_name": "จัดซื้อวัสดุ")", R"("project_name": "จัดซื้อวัสดุงานบ้าน")");
  ImportPlan plan = reg().plan_import(f->agency_id, 2567, read(changed), Lang::th);
  EXPECT_TRUE(plan.added.empty());
  EXPECT_EQ(plan.unchanged, 4);
  ASSERT_EQ(plan.changed.size(), 2u);
  const ChangedProject& c = plan.changed[0];
  EXPECT_EQ(c.egp_number, "1003");
  bool saw_agreed = false;
  for (const FieldChange& fc : c.changes) {
    if (fc.field == "agreed_price") {
      saw_agreed = true;
      EXPECT_EQ(fc.before, "1,250,000.50");
      EXPECT_EQ(fc.after, "1,240,000.50");
    }
  }
  EXPECT_TRUE(saw_agreed);
  // Nothing changed until accepted; accepted, only what was accepted.
  auto r = reg().apply_import(store::Actor::cli(), f->agency_id, plan, {"1003"});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->changed, 1);
  EXPECT_EQ(r->left_as_they_were, 1);
  auto after = reg().year(officer(), 2567);
  ASSERT_TRUE(after);
  for (const Project& p : *after) {
    if (p.egp_number == "1003") {
      EXPECT_EQ(p.agreed_price, 124'000'050);
    }
    if (p.egp_number == "1004") {
      EXPECT_EQ(p.name, "จัดซื้อวัสดุ");
    }
  }
  // A plan made before the register changed is refused whole.
  ImportPlan stale = reg().plan_import(f->agency_id, 2567, read(changed), Lang::th);
  ASSERT_EQ(stale.changed.size(), 1u);
  ProjectInput edit = typed();
  edit.egp_number = "1004";
  ASSERT_TRUE(reg().save(officer(), stale.changed[0].id, 2567, edit));
  auto refused = reg().apply_import(store::Actor::cli(), f->agency_id, stale, {"1004"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::conflict);
}

TEST_F(ProcurementTest, TheImportKeepsWhatTheOfficerAddedAndMovesStatusOnlyForward) {
  import(kSix);
  auto projects = *reg().year(officer(), 2567);
  const Project& p = projects.front();  // 1001, reported 3 Oct 2023
  ASSERT_EQ(p.egp_number, "1001");
  ProjectInput in = typed();
  in.egp_number = "1001";
  in.name = "จัดซื้อน้ำมัน";
  in.method = "specific";
  in.status = "delivered";
  in.agreed_price = "100.00";
  in.vendor = "ก";
  in.contracts = {{"1/2567", "ก", "10,000", "3 ต.ค. 66", ""}};
  ASSERT_TRUE(reg().save(officer(), p.id, 2567, in));
  ImportPlan plan = reg().plan_import(f->agency_id, 2567, read(kSix), Lang::th);
  // The file has no sum_price_agree for 1001 but its contract says 10,000: the agreed price is
  // a diff; the delivered status, the reason and the bidders are not.
  ASSERT_EQ(plan.changed.size(), 1u);
  ASSERT_EQ(plan.changed[0].changes.size(), 1u);
  EXPECT_EQ(plan.changed[0].changes[0].field, "agreed_price");
  EXPECT_EQ(plan.changed_to[0].status, "delivered");
  EXPECT_EQ(plan.changed_to[0].reason, in.reason);
  EXPECT_EQ(plan.changed_to[0].bids.size(), 2u);
}

TEST_F(ProcurementTest, APurchaseTypedInAndCorrected) {
  auto id = reg().save(officer(), std::nullopt, 2567, typed());
  ASSERT_TRUE(id) << id.error().message_key;
  auto p = reg().get(officer(), *id);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->agreed_price, 975'050);
  EXPECT_EQ(p->bids.size(), 2u);  // the blank row left out
  EXPECT_EQ(p->contracts.size(), 1u);
  EXPECT_EQ(p->reported_on(), calendar::make_date(2024, 1, 15));
  EXPECT_EQ(p->source, "manual");

  ProjectInput bad = typed();
  bad.agreed_price = "-5";
  auto refused = reg().save(officer(), *id, 2567, bad);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "agreed_price");
  bad = typed();
  bad.announced_on = "31 ก.พ. 67";
  EXPECT_EQ(reg().save(officer(), *id, 2567, bad).error().field, "announced_on");
  bad = typed();
  bad.method = "auction";
  EXPECT_EQ(reg().save(officer(), *id, 2567, bad).error().field, "method");
  bad = typed();
  bad.bids = {{"", "50"}};
  EXPECT_EQ(reg().save(officer(), *id, 2567, bad).error().field, "bids");
  bad = typed();
  bad.bids[1].price = "9,80";
  EXPECT_EQ(reg().save(officer(), *id, 2567, bad).error().field, "bids");
  bad = typed();
  bad.contracts[0].signed_on = "2024-02-30";
  EXPECT_EQ(reg().save(officer(), *id, 2567, bad).error().field, "contracts");
  bad = typed();
  bad.unit_id = 999'999;  // not one of the agency's units
  EXPECT_EQ(reg().save(officer(), *id, 2567, bad).error().field, "unit");
  EXPECT_EQ(reg().get(officer(), *id)->agreed_price, 975'050);  // nothing of a refused save

  // Two purchases cannot share an e-GP number.
  ProjectInput numbered = typed();
  numbered.egp_number = "67019000001";
  ASSERT_TRUE(reg().save(officer(), *id, 2567, numbered));
  auto twice = reg().save(officer(), std::nullopt, 2567, numbered);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().field, "egp_number");

  ASSERT_TRUE(reg().remove(officer(), *id));
  EXPECT_EQ(count("procurement_projects"), 0);
  EXPECT_EQ(count("procurement_bids"), 0);
  EXPECT_EQ(count("procurement_contracts"), 0);
}

// The announcements of a purchase are documents of the library: chosen once each, kept with the
// day they were first put there, named by the library (which keeps them while they are), on the
// year's public list, and the evidence of the announcements item (2567's O20).
TEST_F(ProcurementTest, APurchaseKeepsItsAnnouncementsFromTheLibrary) {
  f->clock->set(calendar::start_of_day(calendar::make_date(2024, 1, 20)) + 9 * 3600);  // fiscal year 2567
  auto& library = f->app->get<library::Library>();
  const http::Principal admin = f->principal("admin@example.org");
  auto document = [&](const std::string& title, const std::string& issued) {
    library::DocumentInput in;
    in.kind = "announcement";
    in.title = title;
    in.number = "5/2567";
    in.issued_on = issued;
    in.fiscal_year = "2567";
    in.files = {{"announcement.pdf", std::string_view("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")}};
    in.confirm_personal_data = true;  // a PDF without text: the officer vouches for it
    auto id = library.save(admin, std::nullopt, in);
    EXPECT_TRUE(id) << id.error().message_key << " " << id.error().field;
    return id ? *id : 0;
  };
  const std::int64_t invitation = document("ประกาศเชิญชวนจ้างก่อสร้างถนน", "2024-01-02");
  const std::int64_t winner = document("ประกาศผู้ชนะการเสนอราคาจ้างก่อสร้างถนน", "2024-01-15");
  ProjectInput in = typed();
  in.name = "จ้างก่อสร้างถนนคอนกรีต";
  in.documents = {{std::to_string(invitation), "invitation"}, {std::to_string(winner), "winner"}, {" ", "other"}};
  auto id = reg().save(officer(), std::nullopt, 2567, in);
  ASSERT_TRUE(id) << id.error().message_key << " " << id.error().field;
  const std::int64_t first_put = f->clock->now();
  auto p = reg().get(officer(), *id);
  ASSERT_EQ(p->documents.size(), 2u) << "the blank row left out";
  EXPECT_EQ(p->documents[1].document_id, winner);
  EXPECT_EQ(p->documents[1].role, "winner");
  EXPECT_EQ(p->documents[1].linked_at, first_put);

  // Corrected a day later: a document kept keeps its day; one added has today's.
  f->clock->advance(24 * 3600);
  const std::int64_t cancelled = document("ประกาศยกเลิกการจ้าง", "2024-01-21");
  in.documents = {{std::to_string(winner), "winner"}, {std::to_string(cancelled), "cancellation"}};
  ASSERT_TRUE(reg().save(officer(), *id, 2567, in));
  p = reg().get(officer(), *id);
  ASSERT_EQ(p->documents.size(), 2u);
  EXPECT_EQ(p->documents[0].linked_at, first_put);
  EXPECT_EQ(p->documents[1].linked_at, f->clock->now());
  EXPECT_EQ(reg().year(officer(), 2567)->at(0).documents.size(), 2u) << "the year's register reads them too";

  // A document not of the library, one chosen twice, a role not offered: nothing saved.
  for (const std::vector<DocumentInput>& bad :
       {std::vector<DocumentInput>{{"999999", "winner"}},
        std::vector<DocumentInput>{{std::to_string(winner), "winner"}, {std::to_string(winner), "other"}},
        std::vector<DocumentInput>{{std::to_string(winner), "contract"}},
        std::vector<DocumentInput>{{"ประกาศ", "winner"}}}) {
    ProjectInput refused = in;
    refused.documents = bad;
    auto r = reg().save(officer(), *id, 2567, refused);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "documents");
  }
  EXPECT_EQ(reg().get(officer(), *id)->documents.size(), 2u);

  // The library says where each is used and keeps it while it is.
  auto uses = library.uses(f->agency_id, winner, Lang::th);
  ASSERT_EQ(uses.size(), 1u);
  EXPECT_EQ(uses[0].href, "/procurement/manage/" + std::to_string(*id));
  EXPECT_NE(uses[0].label.find("จ้างก่อสร้างถนนคอนกรีต"), std::string::npos) << uses[0].label;
  EXPECT_TRUE(library.uses(f->agency_id, invitation, Lang::th).empty()) << "taken off the purchase";
  auto removed = library.remove(admin, winner);
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().message_key, "error.document_in_use");
  EXPECT_NE(removed.error().shown.find("จ้างก่อสร้างถนนคอนกรีต"), std::string::npos) << removed.error().shown;
  EXPECT_TRUE(library.get(f->agency_id, winner));
  EXPECT_TRUE(library.remove(admin, invitation)) << "a document no purchase uses goes";

  // 2567's O20 (announcements) is answered by the year's list of them, dated the day the last
  // was put with a purchase.
  auto registry =
      f->app->get<disclosure::Service>().registry(f->agency_id, 2567, calendar::local_date(f->clock->now()), Lang::th);
  ASSERT_TRUE(registry);
  const framework::Item* item = registry->framework->by_role(framework::role::procurement_announcements);
  ASSERT_TRUE(item);
  EXPECT_EQ(item->code, "O20");
  const disclosure::ItemState* state = registry->find(item->code);
  ASSERT_EQ(state->produced.size(), 1u);
  EXPECT_EQ(state->produced[0].url, "/procurement/2567/announcements");
  EXPECT_EQ(state->produced[0].published_on, calendar::make_date(2024, 1, 21));
  EXPECT_EQ(reg().announced_years(f->agency_id), std::vector<int>{2567});

  // Deleting the purchase takes its documents off it, and the library may delete them then.
  ASSERT_TRUE(reg().remove(officer(), *id));
  EXPECT_EQ(count("procurement_documents"), 0);
  EXPECT_TRUE(library.remove(admin, winner));
}

TEST_F(ProcurementTest, AnUploadUnderReviewIsItsOfficersAloneAndGoneAfterADay) {
  auto id = reg().keep_upload(officer(), 2567, "cgdcontract.json", kSix);
  ASSERT_TRUE(id);
  auto held = reg().upload(officer(), *id);
  ASSERT_TRUE(held);
  EXPECT_EQ(held->data, kSix);
  EXPECT_EQ(held->fiscal_year, 2567);
  EXPECT_EQ(reg().upload(f->principal("admin@example.org"), *id).error().kind, ErrorKind::not_found);
  // A workbook is kept as its bytes, NULs and all.
  const std::string workbook("PK\x03\x04\0\xff\xfe binary", 15);
  auto binary = reg().keep_upload(officer(), 2567, "e-gp.xlsx", workbook);
  ASSERT_TRUE(binary);
  EXPECT_EQ(reg().upload(officer(), *binary)->data, workbook);
  f->clock->advance(86400 - 1);
  EXPECT_EQ(reg().sweep_uploads(), 0);
  f->clock->advance(2);
  EXPECT_EQ(reg().sweep_uploads(), 2);
  EXPECT_EQ(reg().upload(officer(), *id).error().kind, ErrorKind::not_found);
}

TEST_F(ProcurementTest, TheAdminAndThePurchasingOfficerKeepTheRegisterExecutivesReadIt) {
  auto id = reg().save(f->principal("admin@example.org"), std::nullopt, 2567, typed());
  ASSERT_TRUE(id);
  EXPECT_TRUE(reg().year(f->principal("executive@example.org"), 2567));
  for (const char* who : {"staff@example.org", "executive@example.org", "complaints@example.org"}) {
    EXPECT_EQ(reg().save(f->principal(who), std::nullopt, 2567, typed()).error().kind, ErrorKind::forbidden) << who;
    EXPECT_EQ(reg().remove(f->principal(who), *id).error().kind, ErrorKind::forbidden) << who;
  }
  EXPECT_EQ(reg().year(f->principal("staff@example.org"), 2567).error().kind, ErrorKind::forbidden);
}

}  // namespace
}  // namespace prongsai::procurement
