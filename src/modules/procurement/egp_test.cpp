// Reading e-GP's contract data: the documented structure, every Thai date form it uses, amounts
// as numbers and as text, and a refused file naming the project and the field; the same from
// the tables officers download (CSV in UTF-8 or Windows-874, XLSX), read by their headers.
#include "modules/procurement/egp.hpp"

#include <gtest/gtest.h>

#include "documents/table_report.hpp"
#include "testing/testing.hpp"

namespace prongsai::procurement::egp {
namespace {

std::string said(const Result<std::vector<Project>>& r) { return r ? "" : r.error().shown; }

TEST(Egp, ReadsAProjectWithItsContracts) {
  auto r = read_cgdcontract(R"~({"result": [{
      "project_id": 67019012345, "project_name": "จ้างก่อสร้างรางระบายน้ำ คสล. หมู่ที่ 3",
      "purchase_method_name": "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "project_money": "1,250,000.00",
      "price_build": 1234500.5, "announce_date": "10 ม.ค. 67 14:30", "transaction_date": "-",
      "project_status": "จัดทำสัญญา/PO แล้ว", "unknown_field": {"kept": false},
      "contract": [{"contract_no": "5/2567", "winner": "หจก.นาหม่อมก่อสร้าง", "price_agree": "600,000",
                    "contract_date": "5 ก.พ. 67", "contract_finish_date": "5 พ.ค. 67"},
                   {"contract_no": "6/2567", "winner": "ร้านวัสดุภัณฑ์", "price_agree": 590000.25,
                    "contract_date": "6 ก.พ. 2567", "contract_finish_date": "-"}]}]})~",
                            2567, Lang::th);
  ASSERT_TRUE(r) << said(r);
  ASSERT_EQ(r->size(), 1u);
  const Project& p = r->front();
  EXPECT_EQ(p.egp_number, "67019012345");
  EXPECT_EQ(p.method, "e_bidding");
  EXPECT_EQ(p.budget, 125'000'000);
  EXPECT_EQ(p.reference_price, 123'450'050);
  EXPECT_EQ(p.agreed_price, 119'000'025);  // the contracts' sum: 600,000 + 590,000.25
  EXPECT_EQ(p.vendor, "หจก.นาหม่อมก่อสร้าง, ร้านวัสดุภัณฑ์");
  EXPECT_EQ(p.announced_on, calendar::make_date(2024, 1, 10));
  EXPECT_EQ(p.status, "contracted");
  ASSERT_EQ(p.contracts.size(), 2u);
  EXPECT_EQ(p.contracts[1].signed_on, calendar::make_date(2024, 2, 6));
  EXPECT_EQ(p.contracts[1].finish_on, std::nullopt);
  EXPECT_EQ(p.reported_on(), calendar::make_date(2024, 2, 5));  // the first contract's day
  EXPECT_EQ(p.fiscal_year, 2567);
}

TEST(Egp, AProjectBelongsToTheFiscalYearOfItsContract) {
  auto r = read_cgdcontract(R"~({"result": [
      {"project_id": "1", "project_name": "ก", "contract": [{"contract_date": "20 ก.ย. 66"}]},
      {"project_id": "2", "project_name": "ข", "contract": [{"contract_date": "2 ต.ค. 66"}]},
      {"project_id": "3", "project_name": "ค", "announce_date": "-"}]})~",
                            2567, Lang::th);
  ASSERT_TRUE(r) << said(r);
  EXPECT_EQ((*r)[0].fiscal_year, 2566);
  EXPECT_EQ((*r)[1].fiscal_year, 2567);  // October opens the next fiscal year
  EXPECT_EQ((*r)[2].fiscal_year, 2567);  // no date yet: the year asked for
  EXPECT_EQ((*r)[2].status, "");         // the file did not say: the import keeps the register's
}

TEST(Egp, NamesAndStatusesAsE_GPWritesThem) {
  EXPECT_EQ(method_of("เฉพาะเจาะจง"), "specific");
  EXPECT_EQ(method_of("e-bidding"), "e_bidding");
  EXPECT_EQ(method_of("ตลาดอิเล็กทรอนิกส์ (E-Market)"), "e_market");
  EXPECT_EQ(method_of("คัดเลือก"), "selection");
  EXPECT_EQ(method_of("สอบราคา"), "other");
  EXPECT_EQ(status_of("ยกเลิกโครงการ"), "cancelled");
  EXPECT_EQ(status_of("แล้วเสร็จตามสัญญา"), "delivered");
  EXPECT_EQ(status_of("จัดทำสัญญา/PO แล้ว"), "contracted");
  EXPECT_EQ(status_of("ระหว่างดำเนินการ"), "announced");
  EXPECT_EQ(status_of("อื่น ๆ"), "");
}

TEST(Egp, RefusesAFileNamingTheProjectAndTheField) {
  struct Case {
    std::string json, says;
  };
  const Case cases[] = {
      {"not json at all", "ไม่ใช่ข้อมูลการจัดซื้อจัดจ้าง"},
      {R"~({"data": []})~", "ไม่พบรายการโครงการ"},
      {R"~({"result": [{"project_name": "ก"}]})~", "โครงการลำดับที่ 1 ช่อง project_id: ไม่มีข้อมูล"},
      {R"~({"result": [{"project_id": "1", "project_name": "ก"}, {"project_id": "2", "project_name": "ข",
          "announce_date": "31 ก.พ. 67"}]})~",
       "โครงการลำดับที่ 2 (เลขที่ 2) ช่อง announce_date: อ่านวันที่ “31 ก.พ. 67” ไม่ได้"},
      {R"~({"result": [{"project_id": "7", "project_name": "ก", "project_money": -5}]})~",
       "โครงการลำดับที่ 1 (เลขที่ 7) ช่อง project_money: จำนวนเงิน “-5” ต้องเป็นตัวเลขไม่ติดลบ"},
      {R"~({"result": [{"project_id": "7", "project_name": "ก", "contract": [{"price_agree": "1,2,3"}]}]})~",
       "ช่อง price_agree: จำนวนเงิน “1,2,3”"},
      {R"~({"result": [{"project_id": "7", "project_name": "ก"}, {"project_id": "7", "project_name": "ข"}]})~",
       "โครงการลำดับที่ 2 (เลขที่ 7) ช่อง project_id: เลขที่โครงการซ้ำกับโครงการลำดับที่ 1"},
      {R"~({"result": [{"project_id": "67-01", "project_name": "ก"}]})~", "ต้องเป็นตัวเลข"},
      {R"~({"result": [{"project_id": "1", "project_name": ["ก"]}]})~", "ช่อง project_name: ต้องเป็นข้อความ"},
      {R"~({"result": [{"project_id": "1", "project_name": "ก", "contract": {"a": 1}}]})~",
       "ช่อง contract: ต้องเป็นรายการ"},
  };
  for (const Case& c : cases) {
    auto r = read_cgdcontract(c.json, 2567, Lang::th);
    ASSERT_FALSE(r) << c.json;
    EXPECT_EQ(r.error().message_key, "procurement.import.refused");
    EXPECT_NE(r.error().shown.find(c.says), std::string::npos) << r.error().shown;
  }
  // Nested far deeper than the data ever is: refused before it is parsed (memory).
  auto deep = read_cgdcontract(std::string(100000, '[') + std::string(100000, ']'), 2567, Lang::th);
  ASSERT_FALSE(deep);
  EXPECT_NE(deep.error().shown.find("ไม่ใช่ข้อมูลการจัดซื้อจัดจ้าง"), std::string::npos);
  auto english = read_cgdcontract(R"~({"result": [{"project_id": "1"}]})~", 2567, Lang::en);
  EXPECT_EQ(english.error().shown, "Project 1 (number 1) field project_name: is missing");
}

TEST(Egp, TheFixtureReadsWhole) {
  auto r =
      read_cgdcontract(testing::read_source_file("tests/fixtures/procurement/cgdcontract-2567.json"), 2567, Lang::th);
  ASSERT_TRUE(r) << said(r);
  EXPECT_EQ(r->size(), 244u);
}

// e-GP's exports and the NACC's spreadsheet of ITA 2568's sixteen fields, as CSV: the sheet's
// title above its header row, a quoted name with a comma and a line end, a month that had
// none, a line of totals, a date as a spreadsheet's day number.
constexpr const char* kSheet =
    "\xEF\xBB\xBF"
    "ข้อมูลการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. 2567,,,,,,,,\r\n"
    "องค์การบริหารส่วนตำบลนาหม่อม,,,,,,,,\r\n"
    "ที่,ชื่อรายการ,วงเงินงบประมาณที่ได้รับจัดสรร (บาท),แหล่งที่มาของงบประมาณ,สถานะการจัดซื้อจัดจ้าง,"
    "วิธีการจัดซื้อจัดจ้าง,ราคาที่ตกลงซื้อหรือจ้าง (บาท),ผู้ได้รับการคัดเลือก,เลขที่โครงการ e-GP,"
    "วันที่ลงนามในสัญญา\r\n"
    "1,\"จัดซื้อวัสดุสำนักงาน, กองคลัง\nไตรมาสที่ 1\",\"12,000.00\",งบประมาณรายจ่ายประจำปี,"
    "สิ้นสุดสัญญา,เฉพาะเจาะจง,11500,ร้านสมหมายพาณิชย์,67019000001,10 ต.ค. 66\r\n"
    "2,จ้างซ่อมแซมถนนลูกรัง,500000,เงินอุดหนุน,อยู่ระหว่างระยะสัญญา,ประกวดราคาอิเล็กทรอนิกส์ (e-bidding),"
    "489000.5,หจก.นาหม่อมก่อสร้าง,67019000002,45301\r\n"
    ",ไม่มีการจัดซื้อจัดจ้าง (เดือนเมษายน),,,,,,,,\r\n"
    ",รวม,512000,,,,500500.5,,,\r\n"
    ",,,,,,,,,\r\n";

TEST(EgpTable, ACsvExportIsReadByItsHeaders) {
  auto r = read_any(kSheet, 2567, Lang::th);
  ASSERT_TRUE(r) << said(r);
  ASSERT_EQ(r->size(), 2u);
  const Project& a = (*r)[0];
  EXPECT_EQ(a.egp_number, "67019000001");
  EXPECT_EQ(a.name, "จัดซื้อวัสดุสำนักงาน, กองคลัง\nไตรมาสที่ 1");
  EXPECT_EQ(a.budget, 1'200'000);
  EXPECT_EQ(a.budget_source, "งบประมาณรายจ่ายประจำปี");
  EXPECT_EQ(a.status, "delivered");
  EXPECT_EQ(a.method, "specific");
  EXPECT_EQ(a.agreed_price, 1'150'000);
  EXPECT_EQ(a.vendor, "ร้านสมหมายพาณิชย์");
  EXPECT_EQ(a.reported_on(), calendar::make_date(2023, 10, 10));
  EXPECT_EQ(a.fiscal_year, 2567);
  const Project& b = (*r)[1];
  EXPECT_EQ(b.method, "e_bidding");
  EXPECT_EQ(b.agreed_price, 48'900'050);
  EXPECT_EQ(b.reported_on(), calendar::make_date(2024, 1, 10)) << "45301 is 10 January 2024";
  EXPECT_EQ(b.status, "contracted");

  // The same saved by Excel on Thai Windows, in Windows-874.
  const std::string thai = testing::run_on_file("iconv -f UTF-8 -t CP874 {}", std::string(kSheet).substr(3));
  auto windows = read_any(thai, 2567, Lang::th);
  ASSERT_TRUE(windows) << said(windows);
  EXPECT_EQ((*windows)[1].vendor, "หจก.นาหม่อมก่อสร้าง");
}

TEST(EgpTable, AWorkbookIsReadByItsHeaders) {
  documents::TableReport sheet;
  sheet.heading = {"ข้อมูลการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. 2567"};
  sheet.columns = {{"เลขที่โครงการ"}, {"ชื่อโครงการ"}, {"ราคากลาง"}, {"เลขที่สัญญา"}, {"วันที่ทำสัญญา"}, {"ผู้ชนะการเสนอราคา"}};
  sheet.rows = {
      {{"67019000003"}, {"จัดซื้อครุภัณฑ์คอมพิวเตอร์"}, {"24,000"}, {"3/2567"}, {"2567-03-05"}, {"บริษัท ไทยออฟฟิศ จำกัด"}},
      {{"67019000004"}, {"จ้างเหมาบริการทำความสะอาด"}, {"-"}, {""}, {"5 มี.ค. 67"}, {""}}};
  auto r = read_any(documents::render_xlsx(sheet), 2567, Lang::th);
  ASSERT_TRUE(r) << said(r);
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].reference_price, 2'400'000);
  ASSERT_EQ((*r)[0].contracts.size(), 1u);
  EXPECT_EQ((*r)[0].contracts[0].number, "3/2567");
  EXPECT_EQ((*r)[0].reported_on(), calendar::make_date(2024, 3, 5));
  EXPECT_EQ((*r)[1].reported_on(), calendar::make_date(2024, 3, 5));
}

TEST(EgpTable, AFaultNamesTheRowAndTheColumnAsTheSheetHasThem) {
  std::string bad = kSheet;
  bad.replace(bad.find("45301"), 5, "31 ก.พ. 67");
  EXPECT_EQ(said(read_any(bad, 2567, Lang::th)),
            "แถวที่ 5 (เลขที่ 67019000002) คอลัมน์ “วันที่ลงนามในสัญญา”: อ่านวันที่ “31 ก.พ. 67” ไม่ได้");
  std::string twice = kSheet;
  twice.replace(twice.find("67019000002"), 11, "67019000001");
  EXPECT_EQ(said(read_any(twice, 2567, Lang::th)),
            "แถวที่ 5 (เลขที่ 67019000001) คอลัมน์ “เลขที่โครงการ e-GP”: เลขที่โครงการซ้ำกับแถวที่ 4");
  std::string nameless = kSheet;
  nameless.replace(nameless.find("จ้างซ่อมแซมถนนลูกรัง"), std::string_view("จ้างซ่อมแซมถนนลูกรัง").size(), "");
  EXPECT_NE(said(read_any(nameless, 2567, Lang::th)).find("คอลัมน์ “ชื่อรายการ”"), std::string::npos);
  EXPECT_EQ(said(read_any("a,b,c\r\n1,2,3\r\n", 2567, Lang::th)),
            "ไม่พบแถวหัวตารางที่มีคอลัมน์เลขที่โครงการและชื่อรายการ (เช่น “เลขที่โครงการ” และ “ชื่อรายการ”)");
  for (const std::string& not_data :
       {std::string("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj"), std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16),
        std::string("PK\x03\x04 a broken zip")})
    EXPECT_NE(said(read_any(not_data, 2567, Lang::th)).find("ไม่ใช่ข้อมูลการจัดซื้อจัดจ้าง"), std::string::npos);
}

TEST(Baht, WrittenAndReadAsAThaiFormDoes) {
  EXPECT_EQ(baht(123456750), "1,234,567.50");
  EXPECT_EQ(baht(0), "0.00");
  EXPECT_EQ(baht(99999), "999.99");
  EXPECT_EQ(baht(std::nullopt), "-");
  EXPECT_EQ(parse_baht("1,234,567.50"), 123456750);
  EXPECT_EQ(parse_baht("1234567.5"), 123456750);
  EXPECT_EQ(parse_baht("1234567"), 123456700);
  EXPECT_EQ(parse_baht(" 45,000 บาท"), 4500000);
  for (std::string_view bad :
       {"", "-1", "1,23", "12,345,67", "1.234", "abc", "1.", ".5", "1,234.5.6", "99999999999999"})
    EXPECT_EQ(parse_baht(bad), std::nullopt) << bad;
}

}  // namespace
}  // namespace prongsai::procurement::egp
