// The table report as an XLSX workbook (libxlsxwriter): the cover lines merged across the
// table's width, the header row repeated on every printed page, one row per table row with
// each cell's paragraphs as lines. libxlsxwriter sets no row heights and a spreadsheet does
// not grow a row for wrapped text on opening, so heights are estimated from the text here.
// After the table: a chart's figures, a column chart of them (Excel's own, which a reader can
// restyle), and the closing sections as rows across the table's width.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "documents/table_report.hpp"

namespace prongsai::documents {
namespace {

constexpr double kTableWidth = 190;    // Excel width units across the printed A4 landscape page
constexpr double kCharsPerUnit = 0.7;  // TH Sarabun New 14 pt: about 0.8 Thai base characters per unit; room to spare
constexpr double kLineHeight = 19;     // points per line at 14 pt
constexpr const char* kFont = "TH Sarabun New";

// Characters that take a column on screen: Thai above/below vowels and tone marks ride on the
// character before them.
std::size_t visible_length(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = c;
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len == 3 && i + 2 < s.size()) {
      cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3F);
    }
    bool mark = cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E);
    if (!mark) ++n;
    i += len;
  }
  return n;
}

std::size_t lines_for(const Cell& cell, double width_units) {
  double per_line = std::max(1.0, width_units * kCharsPerUnit);
  std::size_t lines = 0;
  for (const std::string& p : cell) {
    lines += std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(visible_length(p) / per_line)));
  }
  return std::max<std::size_t>(1, lines);
}

std::string joined(const Cell& cell) {
  std::string s;
  for (const std::string& p : cell) s += (s.empty() ? "" : "\n") + p;
  return s;
}

lxw_format* make_format(lxw_workbook* wb, bool bold, bool border, bool centre, std::uint8_t size) {
  lxw_format* f = workbook_add_format(wb);
  format_set_font_name(f, kFont);
  format_set_font_size(f, size);
  format_set_text_wrap(f);
  format_set_align(f, centre ? LXW_ALIGN_CENTER : LXW_ALIGN_LEFT);
  format_set_align(f, centre ? LXW_ALIGN_VERTICAL_CENTER : LXW_ALIGN_VERTICAL_TOP);
  if (bold) format_set_bold(f);
  if (border) format_set_border(f, LXW_BORDER_THIN);
  return f;
}

// libxlsxwriter writes to a file: a private temporary one, read back and removed.
class TempFile {
 public:
  TempFile() {
    std::string dir = std::filesystem::temp_directory_path().string();
    std::string pattern = dir + "/prongsai-xlsx-XXXXXX";
    int fd = mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("xlsx: no temporary file");
    close(fd);
    path_ = pattern;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

std::string render_xlsx(const TableReport& r) {
  TempFile file;
  lxw_workbook* wb = workbook_new(file.path().c_str());
  if (!wb) throw std::runtime_error("xlsx: cannot create the workbook");
  lxw_doc_properties props{};
  std::string title = r.title, author = r.author;  // libxlsxwriter takes char*, and copies
  props.title = title.data();
  props.author = author.data();
  workbook_set_properties(wb, &props);
  const char* kSheet = "Sheet1";
  lxw_worksheet* ws = workbook_add_worksheet(wb, kSheet);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
  std::string footer = "&R" + r.page_label + " &P/&N";
  worksheet_set_footer(ws, footer.c_str());

  lxw_format* heading = make_format(wb, true, false, true, 18);
  lxw_format* cover = make_format(wb, false, false, true, 16);
  lxw_format* intro = make_format(wb, false, false, false, 14);
  lxw_format* header = make_format(wb, true, true, true, 14);
  format_set_bg_color(header, 0xE0E0E0);
  lxw_format* body = make_format(wb, false, true, false, 14);
  lxw_format* section = make_format(wb, true, false, false, 14);

  double total = 0;
  for (const Column& c : r.columns) total += c.weight;
  std::vector<double> widths;
  for (std::size_t c = 0; c < r.columns.size(); ++c) {
    widths.push_back(kTableWidth * r.columns[c].weight / total);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths.back(), nullptr);
  }
  const auto last_col = static_cast<lxw_col_t>(r.columns.empty() ? 0 : r.columns.size() - 1);

  lxw_row_t row = 0;
  auto merged = [&](const std::string& text, lxw_format* f, double height) {
    if (last_col > 0) {
      worksheet_merge_range(ws, row, 0, row, last_col, text.c_str(), f);
    } else {
      worksheet_write_string(ws, row, 0, text.c_str(), f);
    }
    worksheet_set_row(ws, row, height, nullptr);
    ++row;
  };
  for (const std::string& s : r.heading) merged(s, heading, 26);
  for (const std::string& s : r.cover) merged(s, cover, 22);
  if (!r.intro.empty()) merged(r.intro, intro, kLineHeight * static_cast<double>(lines_for({r.intro}, kTableWidth)));
  ++row;

  const lxw_row_t header_row = row;
  std::size_t header_lines = 1;
  for (std::size_t c = 0; c < r.columns.size(); ++c) {
    worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), r.columns[c].header.c_str(), header);
    header_lines = std::max(header_lines, lines_for({r.columns[c].header}, widths[c]));
  }
  worksheet_set_row(ws, row, kLineHeight * static_cast<double>(header_lines) + 4, nullptr);
  worksheet_repeat_rows(ws, header_row, header_row);
  worksheet_freeze_panes(ws, header_row + 1, 0);
  ++row;

  for (const auto& cells : r.rows) {
    std::size_t lines = 1;
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
      static const Cell kEmpty;
      const Cell& cell = c < cells.size() ? cells[c] : kEmpty;
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), joined(cell).c_str(), body);
      lines = std::max(lines, lines_for(cell, widths[c]));
    }
    // Excel caps a row at 409 points; a taller cell scrolls inside it.
    worksheet_set_row(ws, row, std::min(409.0, kLineHeight * static_cast<double>(lines) + 4), nullptr);
    ++row;
  }

  if (r.chart && !r.chart->groups.empty()) {
    const BarChart& c = *r.chart;
    ++row;
    if (!c.title.empty()) merged(c.title, section, kLineHeight + 4);
    // The figures: a row per group, a column per bar of a group (named by the legend).
    const lxw_row_t first = row;
    std::size_t series = 0;
    for (const BarChart::Group& g : c.groups) series = std::max(series, g.bars.size());
    worksheet_write_string(ws, row, 0, r.chart_unit.c_str(), header);
    for (std::size_t i = 0; i < series; ++i) {
      std::string name = i < c.legend.size() ? c.legend[i].first : r.chart_unit;
      worksheet_write_string(ws, row, static_cast<lxw_col_t>(i + 1), name.c_str(), header);
    }
    ++row;
    for (const BarChart::Group& g : c.groups) {
      worksheet_write_string(ws, row, 0, g.label.c_str(), body);
      for (std::size_t i = 0; i < g.bars.size(); ++i)
        worksheet_write_number(ws, row, static_cast<lxw_col_t>(i + 1), g.bars[i].value, body);
      ++row;
    }
    lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
    for (std::size_t i = 0; i < series; ++i) {
      lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(s, kSheet, first + 1, 0, row - 1, 0);
      chart_series_set_values(s, kSheet, first + 1, static_cast<lxw_col_t>(i + 1), row - 1,
                              static_cast<lxw_col_t>(i + 1));
      chart_series_set_name_range(s, kSheet, first, static_cast<lxw_col_t>(i + 1));
    }
    if (!c.title.empty()) chart_title_set_name(chart, c.title.c_str());
    if (!r.chart_unit.empty()) chart_axis_set_name(chart->y_axis, r.chart_unit.c_str());
    if (series < 2) chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    worksheet_insert_chart(ws, row + 1, 0, chart);
    row += 17;  // the chart's default height, 15 rows of 20 pixels, and some room
  }
  for (const Section& sec : r.closing) {
    ++row;
    merged(sec.heading, section, kLineHeight + 4);
    for (const std::string& p : sec.paragraphs)
      merged(p, intro, std::min(409.0, kLineHeight * static_cast<double>(lines_for({p}, kTableWidth))));
  }
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("xlsx: cannot write the workbook");
  std::ifstream in(file.path(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace prongsai::documents
