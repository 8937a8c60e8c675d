// What a module offers as open data (Module::datasets): a table of an agency's fiscal year and
// what describes it (the government's minimum metadata: title, description, keywords, how
// often it changes, when it last did). The open-data hub (modules/opendata) serves every
// module's datasets as CSV, JSON and XLSX, lists them for people (/opendata) and for harvesters
// (DCAT-AP, CKAN's API), and knows no module. A dataset holds no personal data: figures,
// and what the agency publishes anyway.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/strings.hpp"
#include "core/thai_calendar.hpp"

namespace prongsai::web {

class Host;

// How often a dataset changes (DCAT's accrualPeriodicity; strings opendata.frequency.<key>).
enum class Frequency { daily, monthly, quarterly, annual, irregular };
constexpr std::string_view to_string(Frequency f) {
  switch (f) {
    case Frequency::daily: return "daily";
    case Frequency::monthly: return "monthly";
    case Frequency::quarterly: return "quarterly";
    case Frequency::annual: return "annual";
    case Frequency::irregular: break;
  }
  return "irregular";
}

struct DatasetQuery {
  std::int64_t agency_id = 0;
  calendar::FiscalYear year{0};
  calendar::Date today;
  Lang lang = Lang::th;
  calendar::Date agency_since;  // the day the agency came on Prongsai: nothing of its own before

  // The day a table of the year's figures is as of (calendar::figures_as_of): today while the
  // year runs, its last day once it has ended; none for a year not begun or over before the
  // agency came on Prongsai.
  std::optional<calendar::Date> as_of() const { return calendar::figures_as_of(year, today, agency_since); }
};

// One fiscal year of a dataset: its columns and rows as text (figures as people write them),
// and the day what it holds last changed (for a running year's figures, today).
struct DataTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // one cell per column
  calendar::Date modified;
};

struct Dataset {
  std::string name;  // stable: its address, its CKAN name: "service-statistics"
  std::string title_key, description_key;
  std::string keywords_key;  // words separated by commas
  Frequency frequency = Frequency::annual;
  // The year's table; nullopt when there is nothing of that year to offer (a year before the
  // agency kept it here, or one that has not begun).
  std::function<std::optional<DataTable>(Host&, const DatasetQuery&)> table;
};

}  // namespace prongsai::web
