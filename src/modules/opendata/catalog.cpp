// See catalog.hpp.
#include "modules/opendata/catalog.hpp"

#include <algorithm>

#include "core/crypto.hpp"
#include "core/text.hpp"
#include "documents/csv.hpp"
#include "documents/table_report.hpp"

namespace prongsai::opendata {
namespace {

using nlohmann::json;

constexpr std::string_view kFrequencyBase = "http://publications.europa.eu/resource/authority/frequency/";
constexpr std::string_view kFileTypeBase = "http://publications.europa.eu/resource/authority/file-type/";
// Every dataset holds figures and what the agency publishes anyway: public (ข้อมูลสาธารณะ, in the
// government's data classification).
constexpr std::string_view kPublic = "http://publications.europa.eu/resource/authority/access-right/PUBLIC";

// DCAT's frequency code: the same word as Prongsai's, but for "IRREG".
std::string frequency_code(web::Frequency f) {
  return f == web::Frequency::irregular ? "IRREG" : text::ascii_upper(web::to_string(f));
}

json text_in(const std::string& th, const std::string& en) {
  json out = json::array({{{"@value", th}, {"@language", "th"}}});
  if (!en.empty()) out.push_back({{"@value", en}, {"@language", "en"}});
  return out;
}

json date_value(calendar::Date d) { return {{"@value", calendar::iso(d)}, {"@type", "xsd:date"}}; }

std::string landing(const Catalog& c, const Entry& e) { return c.origin + "/opendata/" + e.name(); }

// The agency, as DCAT's publisher.
json publisher(const Catalog& c) {
  return {{"@id", c.origin + "/"}, {"@type", "foaf:Agent"}, {"foaf:name", c.agency_name}};
}

}  // namespace

const Entry* Catalog::find(std::string_view name) const {
  auto it = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.name() == name; });
  return it == entries.end() ? nullptr : &*it;
}

std::string download_path(std::string_view name, int year, std::string_view format) {
  return "/opendata/" + std::string(name) + "/" + std::to_string(year) + "." + std::string(format);
}

std::string_view content_type(std::string_view format) {
  if (format == "csv") return "text/csv; charset=utf-8";
  if (format == "json") return "application/json";
  return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

std::string render(const web::DataTable& table, std::string_view format, const std::string& title,
                   const std::string& author, std::string_view name, int year) {
  if (format == "json") {
    // In the table's order: its columns, each record's cells.
    nlohmann::ordered_json records = nlohmann::ordered_json::array();
    for (const auto& row : table.rows) {
      nlohmann::ordered_json r = nlohmann::ordered_json::object();
      for (std::size_t i = 0; i < table.columns.size() && i < row.size(); ++i) r[table.columns[i]] = row[i];
      records.push_back(std::move(r));
    }
    nlohmann::ordered_json doc = {{"dataset", name},
                                  {"title", title},
                                  {"publisher", author},
                                  {"fiscal_year", year},
                                  {"modified", calendar::iso(table.modified)},
                                  {"columns", table.columns},
                                  {"records", records}};
    return doc.dump(1, ' ', false, json::error_handler_t::replace);
  }
  if (format == "csv") {
    auto csv_row = [](const std::vector<std::string>& cells) { return documents::CsvRow(cells.begin(), cells.end()); };
    std::vector<documents::CsvRow> rows = {csv_row(table.columns)};
    for (const auto& row : table.rows) rows.push_back(csv_row(row));
    return documents::render_csv(rows);
  }
  documents::TableReport r;
  r.title = title;
  r.author = author;
  r.heading = {title};
  for (const std::string& c : table.columns) r.columns.push_back({c});
  for (const auto& row : table.rows) {
    std::vector<documents::Cell> cells;
    for (const std::string& cell : row) cells.push_back({cell});
    r.rows.push_back(std::move(cells));
  }
  return documents::render_xlsx(r);
}

std::string ckan_id(const Catalog& catalog, std::string_view name) {
  // RFC 9562's version 8 (a name-based UUID of one's own hash): SHA-256 of agency and name.
  std::string h = crypto::sha256_hex("prongsai-opendata:" + catalog.agency_slug + ":" + std::string(name));
  h[12] = '8';
  h[16] = "89ab"[std::stoi(h.substr(16, 1), nullptr, 16) & 3];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20, 12);
}

json dcat(const Catalog& c) {
  json datasets = json::array();
  for (const Entry& e : c.entries) {
    json distributions = json::array();
    for (const YearTable& y : e.years) {
      const calendar::Period days = calendar::FiscalYear(y.year).period();
      for (std::string_view f : kFormats) {
        const std::string url = c.origin + download_path(e.name(), y.year, f);
        std::string type(content_type(f));
        type = type.substr(0, type.find(';'));
        distributions.push_back(
            {{"@id", url},
             {"@type", "dcat:Distribution"},
             {"dct:title", e.title + " " + std::to_string(y.year) + " (" + text::ascii_upper(f) + ")"},
             {"dcat:accessURL", {{"@id", url}}},
             {"dcat:downloadURL", {{"@id", url}}},
             {"dcat:mediaType", {{"@id", "https://www.iana.org/assignments/media-types/" + type}}},
             {"dct:format", {{"@id", std::string(kFileTypeBase) + text::ascii_upper(f)}}},
             {"dct:license", {{"@id", std::string(kLicence.url)}}},
             {"dct:modified", date_value(y.table.modified)},
             {"dct:temporal",
              {{"@type", "dct:PeriodOfTime"},
               {"dcat:startDate", date_value(days.first)},
               {"dcat:endDate", date_value(days.last)}}}});
      }
    }
    json keywords = json::array();
    for (const std::string& k : e.keywords) keywords.push_back({{"@value", k}, {"@language", "th"}});
    datasets.push_back(
        {{"@id", landing(c, e)},
         {"@type", "dcat:Dataset"},
         {"dct:identifier", e.name()},
         {"dct:title", text_in(e.title, e.title_en)},
         {"dct:description", text_in(e.description, e.description_en)},
         {"dcat:keyword", keywords},
         {"dct:publisher", publisher(c)},
         {"dcat:contactPoint",
          {{"@type", "vcard:Organization"}, {"vcard:fn", e.unit}, {"vcard:hasURL", {{"@id", c.origin + "/contact"}}}}},
         {"dct:accrualPeriodicity", {{"@id", std::string(kFrequencyBase) + frequency_code(e.dataset->frequency)}}},
         {"dct:accessRights", {{"@id", std::string(kPublic)}}},
         {"dct:license", {{"@id", std::string(kLicence.url)}}},
         {"dct:language", {{"@id", "http://publications.europa.eu/resource/authority/language/THA"}}},
         {"dct:modified", date_value(e.modified)},
         {"dcat:landingPage", {{"@id", landing(c, e)}}},
         {"dcat:distribution", distributions}});
  }
  return {{"@context",
           {{"dcat", "http://www.w3.org/ns/dcat#"},
            {"dct", "http://purl.org/dc/terms/"},
            {"foaf", "http://xmlns.com/foaf/0.1/"},
            {"vcard", "http://www.w3.org/2006/vcard/ns#"},
            {"xsd", "http://www.w3.org/2001/XMLSchema#"}}},
          {"@id", c.origin + "/opendata/catalog.jsonld"},
          {"@type", "dcat:Catalog"},
          {"dct:title", text_in("ข้อมูลเปิดของ" + c.agency_name, "Open data of " + c.agency_name)},
          {"dct:description", text_in("ชุดข้อมูลเปิดที่" + c.agency_name + "เผยแพร่ด้วยระบบโปร่งใส",
                                      "The open datasets " + c.agency_name + " publishes with Prongsai")},
          {"dct:publisher", publisher(c)},
          {"dct:language", {{"@id", "http://publications.europa.eu/resource/authority/language/THA"}}},
          {"dct:license", {{"@id", std::string(kLicence.url)}}},
          {"foaf:homepage", {{"@id", c.origin + "/opendata"}}},
          {"dcat:dataset", datasets}};
}

json ckan_package(const Catalog& c, const Entry& e) {
  const std::string id = ckan_id(c, e.name());
  json resources = json::array();
  int position = 0;
  for (const YearTable& y : e.years)
    for (std::string_view f : kFormats) {
      const std::string path = download_path(e.name(), y.year, f);
      std::string type(content_type(f));
      resources.push_back({{"id", ckan_id(c, path)},
                           {"package_id", id},
                           {"name", e.title + " " + std::to_string(y.year) + " (" + text::ascii_upper(f) + ")"},
                           {"description", calendar::format_period(calendar::FiscalYear(y.year).period(), c.lang)},
                           {"url", c.origin + path},
                           {"format", text::ascii_upper(f)},
                           {"mimetype", type.substr(0, type.find(';'))},
                           {"last_modified", calendar::iso(y.table.modified) + "T00:00:00"},
                           {"position", position++},
                           {"state", "active"}});
    }
  json tags = json::array();
  for (const std::string& k : e.keywords) tags.push_back({{"name", k}, {"display_name", k}, {"state", "active"}});
  const std::string modified = calendar::iso(e.modified) + "T00:00:00";
  const std::string created =
      e.years.empty() ? modified
                      : calendar::iso(calendar::FiscalYear(e.years.back().year).period().first) + "T00:00:00";
  return {{"id", id},
          {"name", e.name()},
          {"title", e.title},
          {"notes", e.description},
          {"type", "dataset"},
          {"state", "active"},
          {"private", false},
          {"url", landing(c, e)},
          {"license_id", std::string(kLicence.id)},
          {"license_title", std::string(kLicence.title)},
          {"license_url", std::string(kLicence.url)},
          {"author", c.agency_name},
          {"maintainer", e.unit},
          {"maintainer_email", nullptr},
          {"metadata_created", created},
          {"metadata_modified", modified},
          {"organization",
           {{"id", ckan_id(c, "")}, {"name", c.agency_slug}, {"title", c.agency_name}, {"type", "organization"}}},
          {"owner_org", ckan_id(c, "")},
          {"tags", tags},
          {"num_tags", tags.size()},
          {"extras", json::array({{{"key", "update_frequency"}, {"value", frequency_code(e.dataset->frequency)}},
                                  {{"key", "classification"}, {"value", "public"}},
                                  {{"key", "responsible_unit"}, {"value", e.unit}},
                                  {{"key", "language"}, {"value", "th"}}})},
          {"resources", resources},
          {"num_resources", resources.size()}};
}

}  // namespace prongsai::opendata
