// Reading an O43 report (รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน)
// in the form agencies publish it today, as text extracted from their PDF: a title block,
// then a six-column table (tab-separated cells) whose header row repeats before every row,
// cells holding numbered steps "1.… 2.…" and HTML left over from the extraction.
//
// The parser is a pure function: text in, a report or an error naming the line out. What is
// odd but readable (the agency named two ways, steps that skip a number, an item under an
// indicator the framework puts elsewhere) is reported as lint and does not stop the import.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "framework/framework.hpp"
#include "modules/measures/model.hpp"

namespace prongsai::measures {

struct Lint {
  std::string kind;  // "agency_name", "step_numbers", "indicator"
  int line = 0;      // 1-based line of the file; 0 for the whole file
  std::string item_code;
  std::string message;  // Thai, for the officer
};

struct ParsedReport {
  std::string title;             // the title lines up to the fiscal year, joined
  int fiscal_year = 0;           // BE, from "ประจำปีงบประมาณ พ.ศ.2566"
  std::string prepared_by;       // the unit under "จัดทำโดย"
  std::string agency_name;       // from the title block
  std::string body_agency_name;  // as the introduction names it, when it names one
  std::vector<Issue> issues;
  std::vector<Lint> lint;
};

// `cited` is the framework year the report's item codes belong to (the assessment the plan
// answers: FY2566's plan cites 2565 codes); it may be null, and then placement is not linted.
Result<ParsedReport> parse_o43(std::string_view text, const framework::Framework* cited);

// Cell text without the extraction's HTML: paragraphs and list items become line breaks,
// checkboxes become "☐ ", runs of spaces one space.
std::string strip_html(std::string_view cell);
// "1.ศึกษา… 2.รายงาน…" → steps numbered as written.
std::vector<Step> split_steps(std::string_view text);
Monitoring parse_monitoring(std::string_view text);

}  // namespace prongsai::measures
