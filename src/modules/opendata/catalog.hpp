// An agency's open-data catalogue as data, and what it is written as: the files of a dataset's
// year (CSV, JSON, XLSX), the DCAT-AP catalogue (JSON-LD) and CKAN's package documents, which
// provincial and national catalogues harvest. Pure: the hub (hub.hpp) gathers the catalogue.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "web/datasets.hpp"

namespace prongsai::opendata {

// The formats each year of a dataset is downloaded in.
inline constexpr std::string_view kFormats[] = {"csv", "json", "xlsx"};

// What the agency lets anybody do with its data. Creative Commons Attribution 4.0: what
// data.go.th's catalogues accept, and a licence harvesters know by its CKAN id.
struct Licence {
  std::string_view id, title, url;
};
inline constexpr Licence kLicence{"cc-by-4.0", "Creative Commons Attribution 4.0",
                                  "https://creativecommons.org/licenses/by/4.0/"};

struct YearTable {
  int year = 0;  // BE
  web::DataTable table;
};

struct Entry {
  const web::Dataset* dataset = nullptr;
  std::string title, description;        // in the catalogue's language
  std::string title_en, description_en;  // and in English, for the DCAT catalogue
  std::vector<std::string> keywords;
  std::string unit;              // the responsible unit, or the agency when none is set
  std::vector<YearTable> years;  // newest first; only years that have a table
  calendar::Date modified;       // the latest of its years'
  std::string name() const { return dataset->name; }
};

struct Catalog {
  std::string origin;  // "https://www.namom.go.th": every address in the documents is absolute
  std::string agency_slug, agency_name;
  Lang lang = Lang::th;
  std::vector<Entry> entries;
  const Entry* find(std::string_view name) const;
};

// "/opendata/service-statistics/2570.csv"
std::string download_path(std::string_view name, int year, std::string_view format);
std::string_view content_type(std::string_view format);
// A year's table as a file of `format` (kFormats); the title heads the XLSX.
std::string render(const web::DataTable& table, std::string_view format, const std::string& title,
                   const std::string& author, std::string_view name, int year);

// The catalogue as DCAT-AP 2 in JSON-LD: a dcat:Catalog whose datasets each carry their
// metadata and a dcat:Distribution per year and format.
nlohmann::json dcat(const Catalog& catalog);
// A dataset as CKAN's package_show answers it: the fields CKAN's harvesters read (id, name,
// title, notes, licence, organization, maintainer, dates, tags, extras, resources).
nlohmann::json ckan_package(const Catalog& catalog, const Entry& entry);
// The package's id: a UUID derived from the agency and the dataset's name, the same on every
// node and at every harvest.
std::string ckan_id(const Catalog& catalog, std::string_view name);

}  // namespace prongsai::opendata
