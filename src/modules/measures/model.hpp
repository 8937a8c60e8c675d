// Plain types of the measures module: the O42 plan (มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายใน
// หน่วยงาน) of an agency for a fiscal year, its issues (ประเด็นที่ต้องปรับปรุงแก้ไข/พัฒนา), their
// steps (ขั้นตอนหรือวิธีการ/มาตรการ) and monitoring rule (การรายงานผลและการกำกับติดตาม).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace prongsai::measures {

// How often progress is reported to the executive.
enum class Cadence { unknown, monthly, quarterly, half_yearly, yearly };

std::string_view to_string(Cadence c);
Cadence parse_cadence(std::string_view s);  // the names of to_string; unknown otherwise

// The monitoring rule of an issue, read from its original wording, which is always kept.
struct Monitoring {
  Cadence cadence = Cadence::unknown;
  std::vector<unsigned> months;  // named months, e.g. {4, 10} for "เมษายน และ ตุลาคม"
  unsigned deadline_month = 0;   // "ภายในเดือนธันวาคม" → 12; 0 when none is named
  std::string original;          // the cell as written
};

struct Step {
  int number = 0;  // as written (the seed's O20 goes 1, 3, 4, 5); 0 when unnumbered
  std::string text;
};

struct Issue {
  int position = 0;            // order in the plan, from 1
  std::string item_code;       // the framework item it answers: "O20", "E10"
  std::string indicator_text;  // "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล ... 9.1 ข้อมูลพื้นฐาน", as written
  std::string question;        // the item's question or title, as written
  std::vector<std::string> sub_questions;  // "หัวข้อ ..." parts
  std::vector<std::string> target_answers;  // the options ticked as the target: มาก / มากที่สุด, มี / ไม่มี
  std::string responsible_text;         // ผู้รับผิดชอบ as written
  bool all_units = false;               // "ทุกภารกิจงาน"
  std::vector<std::string> unit_names;  // unit names found in responsible_text
  std::vector<Step> steps;
  Monitoring monitoring;
  std::string summary;  // สรุปผลการดำเนินการ
  std::string outcome;  // ผลลัพธ์/ความสำเร็จ
};

}  // namespace prongsai::measures
