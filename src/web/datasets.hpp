// What a module offers as open data (Module::datasets): a table of an agency's fiscal year, in
// the formats it can be downloaded in. The open-data page (/data) lists every module's
// datasets, year by year, and knows no module.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace prongsai::web {

struct Dataset {
  std::string name;  // stable, in the page's anchors: "service-statistics"
  std::string title_key, description_key;
  std::vector<std::string> formats;  // "csv", "xlsx", "pdf"
  // Where the table of fiscal year `year` is downloaded in `format`: a public route.
  std::function<std::string(int year, std::string_view format)> href;
};

}  // namespace prongsai::web
