// The table report as an A4 landscape PDF: Pango shapes and wraps the Thai (libthai word
// breaks), Cairo writes the PDF. Layout is two passes: measure every cell's lines, cut the
// rows into page fragments at line boundaries, then draw with the page count known.
//
// A row that does not fit splits between lines: never inside a paragraph of a column marked
// keep_paragraphs (a numbered step stays whole), and elsewhere never leaving fewer than two
// lines of a paragraph on either side. The header row repeats on every page of the table.
// What follows the table (a bar chart, sections of text) comes after its last row, each block
// whole on a page: a section's heading with its first paragraph, then each paragraph.
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <stdexcept>

#include "documents/qr.hpp"
#include "documents/table_report.hpp"

namespace prongsai::documents {
namespace {

// Points. A4, landscape unless the report asks for portrait.
constexpr double kA4Long = 841.89;
constexpr double kA4Short = 595.28;
constexpr double kQrSize = 84;  // a QR code in the cover's top right corner: 3 cm
constexpr double kMargin = 34;
constexpr double kPad = 4;  // inside a cell
constexpr double kParagraphGap = 2;
constexpr double kFooterGap = 8;
// Laksaman is the TLWG's metric-compatible TH Sarabun: fontconfig maps "TH Sarabun New" to it
// with a 0.66 scale, so 10.5 pt here reads like the usual 16 pt TH Sarabun of government documents.
constexpr const char* kTableFont = "Laksaman 10.5";
constexpr const char* kHeaderFont = "Laksaman Bold 10.5";
constexpr const char* kHeadingFont = "Laksaman Bold 14";
constexpr const char* kCoverFont = "Laksaman 12";
constexpr const char* kIntroFont = "Laksaman 11";
constexpr const char* kFooterFont = "Laksaman 9";

double pt(int pango_units) { return static_cast<double>(pango_units) / PANGO_SCALE; }

struct GObjectDeleter {
  void operator()(void* p) const { g_object_unref(p); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;

struct FontDeleter {
  void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
using FontPtr = std::unique_ptr<PangoFontDescription, FontDeleter>;

// One laid-out line of a cell, positioned from the top of the cell's content.
struct Line {
  PangoLayoutLine* line = nullptr;  // owned by its layout
  double top = 0, bottom = 0, baseline = 0, x = 0;
  bool paragraph_start = false;
  int index = 0, of = 0;  // its place in its paragraph
};

struct CellLines {
  std::vector<Line> lines;
  bool keep_paragraphs = false;

  // May the page break before line k? With `strict` false any line boundary will do.
  bool break_before(std::size_t k, bool strict) const {
    if (k == 0 || k >= lines.size()) return true;
    const Line& l = lines[k];
    if (l.paragraph_start || !strict) return true;
    return !keep_paragraphs && l.index >= 2 && l.of - l.index >= 2;
  }

  // The end of the longest run of lines from `from` that fits in `height`.
  std::size_t fit(std::size_t from, double height, bool strict) const {
    std::size_t end = from;
    if (from >= lines.size()) return end;
    double top = lines[from].top;
    for (std::size_t k = from; k < lines.size(); ++k) {
      if (lines[k].bottom - top > height) break;
      if (break_before(k + 1, strict)) end = k + 1;
    }
    return end;
  }
  double span(std::size_t from, std::size_t to) const { return from < to ? lines[to - 1].bottom - lines[from].top : 0; }
};

// A part of a row on one page: for each cell, its lines [from, to).
struct Fragment {
  std::size_t row = 0;
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  double height = 0;
};

// Something drawn whole after the table: its height and how it is drawn at a y.
struct Block {
  double height = 0;
  std::function<void(double y)> draw;
};

struct Page {
  std::vector<Fragment> fragments;
  bool table = true;                                   // the table's header heads it
  std::vector<std::pair<std::size_t, double>> blocks;  // which, and where
};

// The chart's bars, by their place in a group: the brand's blue, then a lighter one.
constexpr double kBarColours[][3] = {{0.043, 0.310, 0.541}, {0.478, 0.655, 0.839}, {0.2, 0.2, 0.2}};
constexpr double kChartPlot = 150, kChartAxis = 48;

class PdfWriter {
 public:
  explicit PdfWriter(const TableReport& r)
      : r_(r), page_width_(r.portrait ? kA4Short : kA4Long), page_height_(r.portrait ? kA4Long : kA4Short) {
    if (!r.qr.empty()) qr_ = qr_encode(r.qr);
    surface_ = cairo_pdf_surface_create_for_stream(&PdfWriter::write, &out_, page_width_, page_height_);
    cr_ = cairo_create(surface_);
    if (cairo_status(cr_) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("cairo: cannot create the PDF");
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, r.title.c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_AUTHOR, r.author.c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "Prongsai");
    context_ = pango_cairo_create_context(cr_);
    // A PDF surface is in points: without this Pango assumes 96 dpi and everything is 4/3 too big.
    pango_cairo_context_set_resolution(context_, 72);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context_, options);
    cairo_font_options_destroy(options);
    pango_context_set_language(context_, pango_language_from_string(r.lang.c_str()));
  }
  ~PdfWriter() {
    layouts_.clear();
    if (context_) g_object_unref(context_);
    if (cr_) cairo_destroy(cr_);
    if (surface_) cairo_surface_destroy(surface_);
  }
  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  std::string render() {
    const double table_width = page_width_ - 2 * kMargin;
    double total_weight = 0;
    for (const Column& c : r_.columns) total_weight += c.weight;
    for (const Column& c : r_.columns) widths_.push_back(table_width * c.weight / total_weight);

    double cover_height = measure_cover(table_width);
    header_ = row_lines(header_cells(), kHeaderFont, PANGO_ALIGN_CENTER);
    header_height_ = row_height(header_);
    footer_height_ = line_height(kFooterFont) + kFooterGap;

    std::vector<std::vector<CellLines>> rows;
    for (const auto& row : r_.rows) rows.push_back(row_lines(row, kTableFont, PANGO_ALIGN_LEFT));
    std::vector<Page> pages = paginate(rows, cover_height);
    std::vector<Block> blocks = trailing_blocks(table_width);
    place(pages, blocks, cover_height);

    for (std::size_t p = 0; p < pages.size(); ++p) {
      double y = kMargin;
      if (p == 0) y = draw_cover(y, table_width);
      if (pages[p].table) y = draw_header(y);
      for (const Fragment& f : pages[p].fragments) {
        draw_fragment(rows[f.row], f, y);
        y += f.height;
      }
      for (const auto& [b, at] : pages[p].blocks) blocks[b].draw(at);
      draw_footer(p + 1, pages.size());
      cairo_show_page(cr_);
    }
    cairo_surface_finish(surface_);
    if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("cairo: PDF not written");
    return std::move(out_);
  }

 private:
  static cairo_status_t write(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  }

  PangoLayout* layout(const std::string& text, const char* font, double width, PangoAlignment align) {
    LayoutPtr l(pango_layout_new(context_));
    FontPtr desc(pango_font_description_from_string(font));
    pango_layout_set_font_description(l.get(), desc.get());
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l.get(), align);
    pango_layout_set_text(l.get(), text.data(), static_cast<int>(text.size()));
    layouts_.push_back(std::move(l));
    return layouts_.back().get();
  }

  double line_height(const char* font) {
    PangoLayout* l = layout("ก", font, 100, PANGO_ALIGN_LEFT);
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return pt(h);
  }

  std::vector<std::vector<std::string>> header_cells() const {
    std::vector<std::vector<std::string>> cells;
    for (const Column& c : r_.columns) cells.push_back({c.header});
    return cells;
  }

  CellLines cell_lines(const Cell& paragraphs, const char* font, double width, PangoAlignment align) {
    CellLines out;
    double y = 0;
    for (const std::string& text : paragraphs) {
      PangoLayout* l = layout(text, font, width, align);
      int count = pango_layout_get_line_count(l);
      PangoLayoutIter* it = pango_layout_get_iter(l);
      int index = 0;
      do {
        int y0 = 0, y1 = 0;
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, nullptr, &logical);
        out.lines.push_back({pango_layout_iter_get_line_readonly(it), y + pt(y0), y + pt(y1),
                             y + pt(pango_layout_iter_get_baseline(it)), pt(logical.x), index == 0, index, count});
        ++index;
      } while (pango_layout_iter_next_line(it));
      pango_layout_iter_free(it);
      int w = 0, h = 0;
      pango_layout_get_size(l, &w, &h);
      y += pt(h) + kParagraphGap;
    }
    return out;
  }

  std::vector<CellLines> row_lines(const std::vector<Cell>& row, const char* font, PangoAlignment align) {
    std::vector<CellLines> out;
    for (std::size_t c = 0; c < r_.columns.size(); ++c) {
      static const Cell kEmpty;
      out.push_back(cell_lines(c < row.size() ? row[c] : kEmpty, font, widths_[c] - 2 * kPad, align));
      out.back().keep_paragraphs = r_.columns[c].keep_paragraphs;
    }
    return out;
  }

  static double row_height(const std::vector<CellLines>& cells) {
    double h = 0;
    for (const CellLines& c : cells) h = std::max(h, c.span(0, c.lines.size()));
    return h + 2 * kPad;
  }

  std::vector<Page> paginate(const std::vector<std::vector<CellLines>>& rows, double cover_height) {
    std::vector<Page> pages(1);
    const double bottom = page_height_ - kMargin - footer_height_;
    double y = kMargin + cover_height + header_height_;
    auto new_page = [&] {
      pages.emplace_back();
      y = kMargin + header_height_;
    };
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const auto& cells = rows[r];
      std::vector<std::size_t> at(cells.size(), 0);
      bool started = false;
      auto done = [&] {
        for (std::size_t c = 0; c < cells.size(); ++c) {
          if (at[c] < cells[c].lines.size()) return false;
        }
        return true;
      };
      while (!done()) {
        double room = bottom - y - 2 * kPad;
        std::vector<std::size_t> end(cells.size());
        for (std::size_t c = 0; c < cells.size(); ++c) end[c] = cells[c].fit(at[c], room, true);
        bool page_empty = pages.back().fragments.empty();
        // A row starts on a page only if every cell shows its first two lines (or all it has).
        bool acceptable = true;
        bool any = false;
        for (std::size_t c = 0; c < cells.size(); ++c) {
          std::size_t n = cells[c].lines.size();
          if (end[c] > at[c]) any = true;
          if (!started && at[c] < n && end[c] - at[c] < std::min<std::size_t>(2, n - at[c])) acceptable = false;
        }
        if (!page_empty && (!any || !acceptable)) {
          new_page();
          continue;
        }
        if (!any) {
          // Nothing fits an empty page with the rules kept: break at any line, and at worst
          // place one line (a page cannot hold less).
          for (std::size_t c = 0; c < cells.size(); ++c) {
            end[c] = cells[c].fit(at[c], room, false);
            if (end[c] == at[c] && at[c] < cells[c].lines.size()) end[c] = at[c] + 1;
          }
        }
        Fragment f{r, {}, 0};
        double h = 0;
        for (std::size_t c = 0; c < cells.size(); ++c) {
          f.ranges.emplace_back(at[c], end[c]);
          h = std::max(h, cells[c].span(at[c], end[c]));
          at[c] = end[c];
        }
        f.height = h + 2 * kPad;
        pages.back().fragments.push_back(std::move(f));
        y += pages.back().fragments.back().height;
        started = true;
        if (!done()) new_page();
      }
    }
    return pages;
  }

  // The blocks after the table's last row, each on the page where it fits whole (a new page,
  // without the table's header, when it does not).
  void place(std::vector<Page>& pages, const std::vector<Block>& blocks, double cover_height) const {
    const double bottom = page_height_ - kMargin - footer_height_;
    double y = kMargin + (pages.size() == 1 ? cover_height : 0) + header_height_;
    for (const Fragment& f : pages.back().fragments) y += f.height;
    y += blocks.empty() ? 0 : 12;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      const bool fresh = !pages.back().table && pages.back().blocks.empty();
      if (y + blocks[b].height > bottom && !fresh) {
        pages.emplace_back();
        pages.back().table = false;
        y = kMargin;
      }
      pages.back().blocks.emplace_back(b, y);
      y += blocks[b].height;
    }
  }

  std::vector<Block> trailing_blocks(double width) {
    std::vector<Block> out;
    if (r_.chart) out.push_back(chart_block(*r_.chart, width));
    for (const Section& s : r_.closing) {
      // The heading keeps its first paragraph with it.
      std::string first = s.paragraphs.empty() ? std::string() : s.paragraphs.front();
      double h = layout_height(s.heading, kHeaderFont, width, PANGO_ALIGN_LEFT) + 4 +
                 (first.empty() ? 0 : layout_height(first, kIntroFont, width, PANGO_ALIGN_LEFT)) + 8;
      out.push_back({h, [this, heading = s.heading, first, width](double y) {
                       cairo_set_source_rgb(cr_, 0, 0, 0);
                       y += show(heading, kHeaderFont, kMargin, y, width, PANGO_ALIGN_LEFT) + 4;
                       if (!first.empty()) show(first, kIntroFont, kMargin, y, width, PANGO_ALIGN_LEFT);
                     }});
      for (std::size_t i = 1; i < s.paragraphs.size(); ++i) {
        const std::string& text = s.paragraphs[i];
        out.push_back({layout_height(text, kIntroFont, width, PANGO_ALIGN_LEFT) + 6, [this, text, width](double y) {
                         cairo_set_source_rgb(cr_, 0, 0, 0);
                         show(text, kIntroFont, kMargin, y, width, PANGO_ALIGN_LEFT);
                       }});
      }
    }
    return out;
  }

  // A bar chart drawn as the SVG of chart.cpp draws it: gridlines with their values, each
  // bar with its value above it, each group's label under it, the legend below.
  Block chart_block(const BarChart& c, double width) {
    const double title_h = c.title.empty() ? 0 : layout_height(c.title, kHeaderFont, width, PANGO_ALIGN_LEFT) + 2;
    const double unit_h = r_.chart_unit.empty() ? 0 : line_height(kFooterFont) + 4;
    const double label_h = line_height(kFooterFont);
    const double legend_h = c.legend.empty() ? 0 : label_h + 8;
    const double height = title_h + unit_h + 8 + kChartPlot + 6 + 2 * label_h + legend_h + 8;
    return {
        height, [this, &c, width, title_h, unit_h, label_h](double y) {
          cairo_set_source_rgb(cr_, 0, 0, 0);
          if (!c.title.empty()) show(c.title, kHeaderFont, kMargin, y, width, PANGO_ALIGN_LEFT);
          y += title_h;
          if (!r_.chart_unit.empty()) show(r_.chart_unit, kFooterFont, kMargin, y, kChartAxis * 3, PANGO_ALIGN_LEFT);
          y += unit_h + 8;
          const ChartScale scale = chart_scale(c);
          const double plot_bottom = y + kChartPlot, left = kMargin + kChartAxis;
          auto y_of = [&](double v) { return plot_bottom - kChartPlot * std::clamp(v, 0.0, scale.top) / scale.top; };
          std::size_t bars = 0;
          for (const BarChart::Group& g : c.groups) bars += g.bars.size();
          // Bars and gaps share the width; a bar at most 56 pt wide.
          const double slots = static_cast<double>(bars) + 0.5 * static_cast<double>(c.groups.size() + 1);
          const double bar = std::min(56.0, (width - kChartAxis) / std::max(1.0, slots));
          cairo_set_line_width(cr_, 0.5);
          for (double v = 0; v <= scale.top + 1e-9; v += scale.step) {
            cairo_set_source_rgb(cr_, 0.8, 0.8, 0.8);
            cairo_move_to(cr_, left, y_of(v));
            cairo_line_to(cr_, kMargin + width, y_of(v));
            cairo_stroke(cr_);
            cairo_set_source_rgb(cr_, 0.2, 0.2, 0.2);
            show(chart_value_text(v), kFooterFont, kMargin, y_of(v) - label_h / 2, kChartAxis - 6, PANGO_ALIGN_RIGHT);
          }
          double x = left + bar / 2;
          for (const BarChart::Group& g : c.groups) {
            const double start = x;
            for (std::size_t i = 0; i < g.bars.size(); ++i) {
              const auto& colour = kBarColours[std::min<std::size_t>(i, std::size(kBarColours) - 1)];
              const double top = y_of(g.bars[i].value);
              cairo_set_source_rgb(cr_, colour[0], colour[1], colour[2]);
              cairo_rectangle(cr_, x, top, bar * 0.8, plot_bottom - top);
              cairo_fill(cr_);
              cairo_set_source_rgb(cr_, 0, 0, 0);
              show(chart_value_text(g.bars[i].value), kFooterFont, x - bar * 0.3, top - label_h - 1, bar * 1.4,
                   PANGO_ALIGN_CENTER);
              x += bar;
            }
            show(g.label, kFooterFont, start - bar * 0.25, plot_bottom + 6, x - start + bar * 0.3, PANGO_ALIGN_CENTER);
            x += bar / 2;
          }
          double lx = left;
          const double ly = plot_bottom + 6 + 2 * label_h + 4;
          for (std::size_t i = 0; i < c.legend.size(); ++i) {
            const auto& colour = kBarColours[std::min<std::size_t>(i, std::size(kBarColours) - 1)];
            cairo_set_source_rgb(cr_, colour[0], colour[1], colour[2]);
            cairo_rectangle(cr_, lx, ly + 2, 8, 8);
            cairo_fill(cr_);
            cairo_set_source_rgb(cr_, 0, 0, 0);
            show(c.legend[i].first, kFooterFont, lx + 12, ly, 180, PANGO_ALIGN_LEFT);
            lx += 200;
          }
        }};
  }

  // With a QR code the centred lines keep clear of it on both sides.
  double cover_inset() const { return qr_ ? kQrSize + 8 : 0; }

  double measure_cover(double width) {
    double inner = width - 2 * cover_inset();
    double h = 0;
    for (const std::string& s : r_.heading) h += layout_height(s, kHeadingFont, inner, PANGO_ALIGN_CENTER);
    h += 6;
    for (const std::string& s : r_.cover) h += layout_height(s, kCoverFont, inner, PANGO_ALIGN_CENTER);
    if (qr_) h = std::max(h, kQrSize);
    if (!r_.intro.empty()) h += 8 + layout_height(r_.intro, kIntroFont, width, PANGO_ALIGN_LEFT);
    return h + 10;
  }

  void draw_qr(double y, double width) {
    const double module = kQrSize / (qr_->size + 2);  // a quiet zone of one module: the margin adds more
    double x0 = kMargin + width - kQrSize + module, y0 = y + module;
    for (int row = 0; row < qr_->size; ++row)
      for (int col = 0; col < qr_->size; ++col)
        if (qr_->at(col, row)) cairo_rectangle(cr_, x0 + col * module, y0 + row * module, module, module);
    cairo_fill(cr_);
  }

  double layout_height(const std::string& text, const char* font, double width, PangoAlignment align) {
    int w = 0, h = 0;
    pango_layout_get_size(layout(text, font, width, align), &w, &h);
    return pt(h);
  }

  double show(const std::string& text, const char* font, double x, double y, double width, PangoAlignment align) {
    PangoLayout* l = layout(text, font, width, align);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, l);
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return pt(h);
  }

  double draw_cover(double y, double width) {
    cairo_set_source_rgb(cr_, 0, 0, 0);
    const double top = y, x = kMargin + cover_inset(), inner = width - 2 * cover_inset();
    if (qr_) draw_qr(y, width);
    for (const std::string& s : r_.heading) y += show(s, kHeadingFont, x, y, inner, PANGO_ALIGN_CENTER);
    y += 6;
    for (const std::string& s : r_.cover) y += show(s, kCoverFont, x, y, inner, PANGO_ALIGN_CENTER);
    if (qr_) y = std::max(y, top + kQrSize);
    if (!r_.intro.empty()) y += 8 + show(r_.intro, kIntroFont, kMargin, y + 8, width, PANGO_ALIGN_LEFT);
    return y + 10;
  }

  double draw_header(double y) {
    Fragment f{0, {}, header_height_};
    for (const CellLines& c : header_) f.ranges.emplace_back(0, c.lines.size());
    draw_cells(header_, f, y, true);
    return y + header_height_;
  }

  void draw_fragment(const std::vector<CellLines>& cells, const Fragment& f, double y) {
    draw_cells(cells, f, y, false);
  }

  void draw_cells(const std::vector<CellLines>& cells, const Fragment& f, double y, bool shaded) {
    double x = kMargin;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (shaded) {
        cairo_set_source_rgb(cr_, 0.88, 0.88, 0.88);
        cairo_rectangle(cr_, x, y, widths_[c], f.height);
        cairo_fill(cr_);
      }
      cairo_set_source_rgb(cr_, 0, 0, 0);
      cairo_set_line_width(cr_, 0.5);
      cairo_rectangle(cr_, x, y, widths_[c], f.height);
      cairo_stroke(cr_);
      auto [from, to] = f.ranges[c];
      if (from < to) {
        double offset = cells[c].lines[from].top;
        double cell_height = cells[c].span(from, to);
        // Header cells sit in the middle of their (tallest-cell) height.
        double valign = shaded ? (f.height - 2 * kPad - cell_height) / 2 : 0;
        for (std::size_t k = from; k < to; ++k) {
          const Line& l = cells[c].lines[k];
          cairo_move_to(cr_, x + kPad + l.x, y + kPad + valign + l.baseline - offset);
          pango_cairo_show_layout_line(cr_, l.line);
        }
      }
      x += widths_[c];
    }
  }

  void draw_footer(std::size_t page, std::size_t pages) {
    double width = page_width_ - 2 * kMargin;
    double y = page_height_ - kMargin - footer_height_ + kFooterGap;
    cairo_set_source_rgb(cr_, 0.2, 0.2, 0.2);
    show(r_.title, kFooterFont, kMargin, y, width * 0.8, PANGO_ALIGN_LEFT);
    show(r_.page_label + " " + std::to_string(page) + "/" + std::to_string(pages), kFooterFont, kMargin, y, width,
         PANGO_ALIGN_RIGHT);
    cairo_set_source_rgb(cr_, 0, 0, 0);
  }

  const TableReport& r_;
  double page_width_, page_height_;
  std::optional<QrCode> qr_;
  std::string out_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  PangoContext* context_ = nullptr;
  std::vector<LayoutPtr> layouts_;
  std::vector<double> widths_;
  std::vector<CellLines> header_;
  double header_height_ = 0, footer_height_ = 0;
};

}  // namespace

std::string render_pdf(const TableReport& report) { return PdfWriter(report).render(); }

}  // namespace prongsai::documents
