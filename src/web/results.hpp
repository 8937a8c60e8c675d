// What the module that records an assessment's real result (typed in from the NACC's ITAS)
// gives the pages that show Prongsai's own estimates, to set the result beside the estimate. It
// names its source in its manifest (Module::recorded_results); readers ask recorded_result()
// and know no module.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace prongsai::web {

class Host;

struct RecordedResult {
  int year = 0;
  std::optional<double> total;          // once every tool has its score
  std::string level;                    // the framework's level (or grade) of the total
  bool final = false;                   // every OIT item has its final score
  std::map<std::string, double> tools;  // the tools' scores recorded, by code: "OIT", "EIT", "IIT"
};

using ResultSource = std::function<std::optional<RecordedResult>(Host&, std::int64_t agency_id, int year)>;

// The agency's recorded result of `year` from the first module that has one, or none.
std::optional<RecordedResult> recorded_result(Host& host, std::int64_t agency_id, int year);

}  // namespace prongsai::web
