// The table report as one self-contained HTML file (its style inline, no scripts, no external
// fetches), for saving, mailing or printing from a browser: the header row repeats on paper.
#include <kainjow/mustache.hpp>
#include <stdexcept>

#include "core/embedded.hpp"
#include "documents/table_report.hpp"

namespace prongsai::documents {

std::string render_html(const TableReport& r) {
  using kainjow::mustache::data;
  auto source = embedded::find("templates/documents/table_report.mustache");
  if (!source) throw std::runtime_error("html: the report template is not embedded");
  auto strings = [](const std::vector<std::string>& v) {
    data list{data::type::list};
    for (const std::string& s : v) list << data(s);
    return list;
  };
  std::vector<std::string> headers;
  for (const Column& c : r.columns) headers.push_back(c.header);
  data rows{data::type::list};
  for (const auto& row : r.rows) {
    data cells{data::type::list};
    for (std::size_t c = 0; c < r.columns.size(); ++c) {
      data cell;
      cell.set("paragraphs", strings(c < row.size() ? row[c] : Cell{}));
      cells << cell;
    }
    data entry;
    entry.set("cells", cells);
    rows << entry;
  }
  data view;
  view.set("lang", r.lang);
  view.set("title", r.title);
  view.set("heading", strings(r.heading));
  view.set("cover", strings(r.cover));
  if (!r.intro.empty()) {
    view.set("intro", r.intro);
  } else {
    view.set("intro", data(false));
  }
  view.set("columns", strings(headers));
  view.set("rows", rows);
  kainjow::mustache::mustache tmpl{std::string(*source)};
  if (!tmpl.is_valid()) throw std::runtime_error("html: " + tmpl.error_message());
  return tmpl.render(view);
}

}  // namespace prongsai::documents
