// CSV and JSON: see csv.hpp and table_report.hpp.
#include <nlohmann/json.hpp>

#include "documents/csv.hpp"
#include "documents/table_report.hpp"

namespace prongsai::documents {
namespace {

std::string quoted(const std::string& v) {
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string cell_text(const Cell& cell) {
  std::string out;
  for (std::size_t i = 0; i < cell.size(); ++i) out += (i ? "\n" : "") + cell[i];
  return out;
}

std::vector<std::string> column_headers(const TableReport& report) {
  std::vector<std::string> out;
  for (const Column& c : report.columns) out.push_back(c.header);
  return out;
}

std::vector<std::vector<std::string>> text_rows(const TableReport& report) {
  std::vector<std::vector<std::string>> out;
  out.reserve(report.rows.size());
  for (const auto& r : report.rows) {
    std::vector<std::string>& row = out.emplace_back();
    for (const Cell& c : r) row.push_back(cell_text(c));
  }
  return out;
}

std::string render_csv(const std::vector<CsvRow>& rows, CsvQuotes quotes) {
  std::string out = "\xEF\xBB\xBF";
  for (const CsvRow& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      if (const auto* text = std::get_if<std::string>(&row[i])) {
        bool needs = quotes == CsvQuotes::text || text->find_first_of(",\"\r\n") != std::string::npos;
        out += needs ? quoted(*text) : *text;
      } else if (const auto* number = std::get_if<std::int64_t>(&row[i])) {
        out += std::to_string(*number);
      }
    }
    out += "\r\n";
  }
  return out;
}

std::string render_csv(const TableReport& report) {
  std::vector<CsvRow> rows;
  rows.reserve(report.rows.size() + 1);
  CsvRow head;
  for (const Column& c : report.columns) head.emplace_back(c.header);
  rows.push_back(std::move(head));
  for (const auto& r : text_rows(report)) rows.emplace_back(r.begin(), r.end());
  return render_csv(rows, CsvQuotes::text);
}

std::string render_json(const TableReport& report) {
  nlohmann::json doc = {{"title", report.title},
                        {"author", report.author},
                        {"columns", column_headers(report)},
                        {"rows", text_rows(report)}};
  // Text that is not UTF-8 (it cannot come from a form, which is checked) is replaced, not thrown.
  return doc.dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace prongsai::documents
