// Request forms: definitions with each field type, what makes a definition invalid, and the
// checking of what a citizen sends, field type by field type; the shipped templates are valid.
#include "modules/services/form.hpp"

#include <gtest/gtest.h>

#include "modules/services/templates.hpp"

namespace prongsai::services {
namespace {

using nlohmann::json;

const json kStreetLight = json::parse(R"({"fields": [
  {"key": "where", "type": "location", "label_th": "จุดที่ไฟดับ", "required": true},
  {"key": "pole", "type": "text", "label_th": "หมายเลขเสาไฟ", "max_chars": 10},
  {"key": "note", "type": "text", "lines": "many", "label_th": "รายละเอียด"},
  {"key": "lamps", "type": "number", "label_th": "จำนวนดวงที่ดับ", "min": 1, "max": 20, "integer": true},
  {"key": "seen", "type": "date", "label_th": "วันที่พบ"},
  {"key": "problem", "type": "choice", "label_th": "อาการ", "required": true,
   "options": [{"value": "off", "label_th": "ไฟดับ"}, {"value": "flicker", "label_th": "ไฟกะพริบ"}]},
  {"key": "photo", "type": "file", "label_th": "ภาพถ่าย", "accept": ["image"], "max_files": 2}]})");

const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\0');
const std::string kPdf = "%PDF-1.4\n%%EOF\n";

FormDefinition street_light() {
  auto d = parse_definition(kStreetLight);
  EXPECT_TRUE(d) << d.error().field << " " << d.error().message_key;
  return *d;
}

Input minimal() {
  Input in;
  in.values = {{"where.village", "หมู่ 3 บ้านหนองบัว"}, {"where.landmark", "หน้าวัดหนองบัว"}, {"problem", "off"}};
  return in;
}

// The field and message of what fill() refused.
std::pair<std::string, std::string> refused(const Input& in) {
  auto r = fill(street_light(), in, 1 << 20);
  if (r) return {"", "accepted"};
  return {r.error().field, r.error().message_key};
}

TEST(ServiceForm, ADefinitionWithEveryTypeRoundTrips) {
  FormDefinition d = street_light();
  ASSERT_EQ(d.fields.size(), 7u);
  EXPECT_EQ(d.find("note")->multiline, true);
  EXPECT_EQ(d.find("note")->max_chars, 2000u) << "a text area's default";
  EXPECT_EQ(d.find("pole")->max_chars, 10u);
  EXPECT_EQ(d.find("lamps")->max, 20.0);
  EXPECT_EQ(d.find("photo")->accept, (std::vector<std::string>{"image"}));
  auto again = parse_definition(to_json(d));
  ASSERT_TRUE(again);
  EXPECT_EQ(to_json(*again), to_json(d));
}

TEST(ServiceForm, ABrokenDefinitionNamesTheFieldAtFault) {
  auto field_of = [](const char* text) {
    auto r = parse_definition(json::parse(text));
    return r ? std::string("accepted") : r.error().field + " " + r.error().message_key;
  };
  EXPECT_EQ(field_of(R"({"fields": []})"), "fields error.required");
  EXPECT_EQ(field_of(R"({"fields": [{"key": "A b", "type": "text", "label_th": "x"}]})"),
            "fields.0.key error.field_key");
  EXPECT_EQ(field_of(R"({"fields": [{"key": "a", "type": "text", "label_th": "x"},
                                     {"key": "a", "type": "date", "label_th": "y"}]})"),
            "fields.1.key error.conflict");
  EXPECT_EQ(field_of(R"({"fields": [{"key": "a", "type": "colour", "label_th": "x"}]})"), "fields.0.type error.choice");
  EXPECT_EQ(field_of(R"({"fields": [{"key": "a", "type": "text"}]})"), "fields.0.label_th error.required");
  EXPECT_EQ(field_of(R"({"fields": [{"key": "a", "type": "choice", "label_th": "x"}]})"),
            "fields.0.options error.required");
  EXPECT_EQ(field_of(R"({"fields": [{"key": "a", "type": "number", "label_th": "x", "min": 5, "max": 1}]})"),
            "fields.0.min error.number_range");
  EXPECT_EQ(field_of(R"({"fields": [{"key": "a", "type": "file", "label_th": "x", "accept": ["exe"]}]})"),
            "fields.0.accept error.choice");
  EXPECT_EQ(field_of(R"({"fields": [{"key": "a", "type": "file", "label_th": "x", "max_files": 9}]})"),
            "fields.0.max_files error.number_range");
}

TEST(ServiceForm, AFilledFormKeepsCleanValues) {
  Input in = minimal();
  in.values["pole"] = "  ก-0123 ";
  in.values["note"] = "ดับมา\r\nสามคืนแล้ว";
  in.values["lamps"] = "๒";  // Thai digits
  in.values["seen"] = "2026-11-20";
  in.files["photo"] = {{"เสา.png", kPng}};
  auto r = fill(street_light(), in, 1 << 20);
  ASSERT_TRUE(r) << r.error().field << " " << r.error().message_key;
  EXPECT_EQ(r->values["pole"], "ก-0123");
  EXPECT_EQ(r->values["note"], "ดับมา\nสามคืนแล้ว");
  EXPECT_EQ(r->values["lamps"], "2");
  EXPECT_EQ(r->values["seen"], "2026-11-20");
  EXPECT_EQ(r->values["problem"], "off");
  EXPECT_EQ(r->values["where"], (json{{"village", "หมู่ 3 บ้านหนองบัว"}, {"landmark", "หน้าวัดหนองบัว"}}));
  ASSERT_EQ(r->files.size(), 1u);
  EXPECT_EQ(r->files[0].field, "photo");
  EXPECT_EQ(r->files[0].kind.content_type, "image/png");
  // Optional fields left empty are left out.
  auto bare = fill(street_light(), minimal(), 1 << 20);
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->values.size(), 2u);
}

TEST(ServiceForm, EachTypeRefusesWhatItCannotHold) {
  auto with = [](std::string key, std::string value) {
    Input in = minimal();
    in.values[key] = std::move(value);
    return in;
  };
  using R = std::pair<std::string, std::string>;
  EXPECT_EQ(refused(with("problem", "")), (R{"problem", "error.required"}));
  EXPECT_EQ(refused(with("problem", "stolen")), (R{"problem", "error.choice"}));
  EXPECT_EQ(refused(with("pole", "12345678901")), (R{"pole", "error.too_long"}));
  EXPECT_EQ(refused(with("pole", "a\nb")), (R{"pole", "error.control_chars"}));
  EXPECT_EQ(refused(with("pole", "\xC0\xAF")), (R{"pole", "error.bad_utf8"}));
  EXPECT_EQ(refused(with("lamps", "สอง")), (R{"lamps", "error.number"}));
  EXPECT_EQ(refused(with("lamps", "1.5")), (R{"lamps", "error.number"})) << "integer";
  EXPECT_EQ(refused(with("lamps", "1e3")), (R{"lamps", "error.number"}));
  EXPECT_EQ(refused(with("lamps", "21")), (R{"lamps", "error.number_range"}));
  EXPECT_EQ(refused(with("lamps", "0")), (R{"lamps", "error.number_range"}));
  EXPECT_EQ(refused(with("seen", "20/11/2569")), (R{"seen", "error.date"}));
  EXPECT_EQ(refused(with("seen", "2026-02-30")), (R{"seen", "error.date"}));
}

TEST(ServiceForm, ALocationIsAVillageWithALandmarkOrAPointInThailand) {
  using R = std::pair<std::string, std::string>;
  Input none = minimal();
  none.values.erase("where.village");
  none.values.erase("where.landmark");
  EXPECT_EQ(refused(none), (R{"where.village", "error.required"}));
  Input village_only = minimal();
  village_only.values.erase("where.landmark");
  EXPECT_EQ(refused(village_only), (R{"where.landmark", "error.location"}));
  Input point = none;
  point.values["where.lat"] = "15.2301";
  point.values["where.lng"] = "102.0482";
  auto r = fill(street_light(), point, 1 << 20);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->values["where"], (json{{"lat", 15.2301}, {"lng", 102.0482}}));
  Input paris = none;
  paris.values["where.lat"] = "48.85";
  paris.values["where.lng"] = "2.35";
  EXPECT_EQ(refused(paris), (R{"where.lat", "error.coordinates"}));
  Input half = none;
  half.values["where.lat"] = "15.2";
  EXPECT_EQ(refused(half), (R{"where.lat", "error.coordinates"}));
}

TEST(ServiceForm, FilesAreJudgedByTheirBytesCountedAndSized) {
  using R = std::pair<std::string, std::string>;
  Input pdf = minimal();
  pdf.files["photo"] = {{"photo.png", kPdf}};  // a PDF named as a picture: the bytes decide
  EXPECT_EQ(refused(pdf), (R{"photo", "error.file_type"}));
  Input html = minimal();
  html.files["photo"] = {{"x.png", "<html><script>alert(1)</script>"}};
  EXPECT_EQ(refused(html), (R{"photo", "error.file_type"}));
  Input three = minimal();
  three.files["photo"] = {{"a.png", kPng}, {"b.png", kPng}, {"c.png", kPng}};
  EXPECT_EQ(refused(three), (R{"photo", "error.too_many"}));
  Input big = minimal();
  std::string large = kPng + std::string(2 << 20, 'x');
  big.files["photo"] = {{"big.png", large}};
  EXPECT_EQ(refused(big), (R{"photo", "error.file_too_large"}));
}

TEST(ServiceForm, TheShippedTemplatesAreValid) {
  auto list = templates();
  ASSERT_TRUE(list) << list.error().detail;
  std::vector<std::string> names;
  for (const Template& t : *list) {
    names.push_back(t.name_th);
    EXPECT_GT(t.target_days, 0) << t.key;
    EXPECT_FALSE(t.unit.empty()) << t.key;
  }
  for (const char* wanted : {"ขอข้อมูลข่าวสารของราชการ", "แจ้งซ่อมไฟฟ้าสาธารณะ", "แจ้งซ่อมถนน", "แจ้งซ่อมประปา",
                             "ลงทะเบียนขอรับเบี้ยยังชีพผู้สูงอายุ", "ขออนุญาตก่อสร้างอาคาร", "ขอใช้สถานที่/วัสดุอุปกรณ์"})
    EXPECT_NE(std::find(names.begin(), names.end(), wanted), names.end()) << wanted;
}

}  // namespace
}  // namespace prongsai::services
