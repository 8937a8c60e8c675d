// A report that is a cover block and one wide table: the O42 plan and the O43 report are this
// shape (and later the E-Service statistics). Modules build the model; this library renders
// it as PDF (Pango/Cairo), DOCX (libzip + WordprocessingML), XLSX (libxlsxwriter) and a
// self-contained HTML page. The renderers know nothing of measures: what a cell says is the
// module's business, how it sits on a page is theirs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "documents/chart.hpp"

namespace prongsai::documents {

struct Column {
  std::string header;
  double weight = 1;             // share of the table's width
  bool keep_paragraphs = false;  // a paragraph of this column never splits across pages
};

// A cell is its paragraphs, each kept as written (a numbered step, a sub-question, ...).
using Cell = std::vector<std::string>;

// Text after the table: a heading and its paragraphs (an annual report's analysis).
struct Section {
  std::string heading;
  std::vector<std::string> paragraphs;
};

struct TableReport {
  std::string lang = "th";
  std::string title;                 // document metadata and the running footer
  std::string author;                // the agency
  std::vector<std::string> heading;  // cover block, centred and bold: the title's lines
  std::vector<std::string> cover;    // cover block, centred: fiscal year, prepared by, agency
  std::string intro;                 // the paragraph before the table
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  // each row has one cell per column
  std::string page_label = "หน้า";       // "หน้า 3/12"
  bool portrait = false;                // PDF: A4 portrait (a slip) rather than landscape (a plan)
  std::string qr;                       // PDF: a QR code of this text beside the cover block
  // After the table: a bar chart (PDF, drawn; XLSX, a native chart of its figures, which sit
  // beside it; the other formats leave it out, its figures being the table's), then sections
  // of text (every format but CSV and JSON, which are the table alone).
  std::optional<BarChart> chart;
  std::string chart_unit;  // what the chart's values count: "ล้านบาท"
  std::vector<Section> closing;
};

// Each returns the file's bytes. Errors (a corrupt font setup, a full temp dir) throw
// std::runtime_error: a report that cannot be made is a server fault, not bad input.
std::string render_pdf(const TableReport& report);
std::string render_docx(const TableReport& report);
std::string render_xlsx(const TableReport& report);
std::string render_html(const TableReport& report);
// The table alone, for data tools (documents/csv.hpp): the column headers, then the rows, a
// cell's paragraphs on lines of their own. CSV: every cell quoted. JSON: {"title", "author",
// "columns": [header…], "rows": [[cell…]…]}.
std::string render_csv(const TableReport& report);
// The same table as text, for other data tools (open data): a cell's paragraphs on lines of
// their own.
std::string cell_text(const Cell& cell);
std::vector<std::string> column_headers(const TableReport& report);
std::vector<std::vector<std::string>> text_rows(const TableReport& report);
std::string render_json(const TableReport& report);

// The formats by name, for the CLI and routes.
enum class Format { pdf, docx, xlsx, html };
bool parse_format(std::string_view name, Format& out);
std::string_view extension(Format f);
std::string_view content_type(Format f);
std::string render(const TableReport& report, Format f);

}  // namespace prongsai::documents
