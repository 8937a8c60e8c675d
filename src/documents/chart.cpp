#include "documents/chart.hpp"

#include <algorithm>
#include <cmath>

#include "core/text.hpp"
#include "documents/xml.hpp"

namespace prongsai::documents {
namespace {

constexpr int kLeft = 44, kAxis = 36, kTop = 10, kPlot = 170, kLabel = 16, kLegend = 24;

std::string num(double v) { return text::fixed(v, 1); }

std::string text_at(double x, double y, const std::string& t, const char* anchor = "middle") {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\" class=\"axis\">" +
         xml_escape(t) + "</text>";
}

}  // namespace

std::string chart_value_text(double v) {
  return std::abs(v - std::round(v)) < 1e-9 ? std::to_string(static_cast<long long>(std::llround(v)))
                                            : text::fixed(v, 1);
}

ChartScale chart_scale(const BarChart& c) {
  double top = c.top, step = c.step;
  if (top <= 0) {
    top = 1;
    for (const BarChart::Group& g : c.groups)
      for (const BarChart::Bar& b : g.bars) top = std::max(top, b.value);
  }
  if (step <= 0) step = top <= 5 ? 1 : top <= 10 ? 2 : top <= 50 ? 10 : top <= 100 ? 20 : std::ceil(top / 5);
  if (c.top <= 0) top = std::ceil(top / step) * step;
  return {top, step};
}

std::string bar_chart_svg(const BarChart& c) {
  const ChartScale scale = chart_scale(c);
  const double top = scale.top, step = scale.step;
  auto y_of = [&](double v) { return kTop + kPlot - kPlot * std::clamp(v, 0.0, top) / top; };

  int width = kLeft;
  for (const BarChart::Group& g : c.groups)
    width += static_cast<int>(g.bars.size()) * (c.bar_width + c.bar_gap) - c.bar_gap + c.group_gap;
  const int labels_at = kTop + kPlot + kLabel;
  const int group_labels_at = labels_at + (c.bar_labels ? 20 : 0);
  const int height = group_labels_at + 24 + (c.legend.empty() ? 0 : kLegend);

  std::string out = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(width) +
                    " " + std::to_string(height) + "\" role=\"img\"";
  if (c.title.empty()) {
    out += " aria-label=\"" + xml_escape(c.description) + "\">";
  } else {
    out += " aria-labelledby=\"" + c.id + "-title " + c.id + "-desc\">";
    out += "<title id=\"" + c.id + "-title\">" + xml_escape(c.title) + "</title>";
    out += "<desc id=\"" + c.id + "-desc\">" + xml_escape(c.description) + "</desc>";
  }
  for (double v = 0; v <= top + 1e-9; v += step)
    out += "<line x1=\"" + std::to_string(kAxis) + "\" x2=\"" + std::to_string(width) + "\" y1=\"" + num(y_of(v)) +
           "\" y2=\"" + num(y_of(v)) + "\" class=\"grid\"/>" +
           text_at(kAxis - 4, y_of(v) + 4, chart_value_text(v), "end");
  int x = kLeft;
  for (const BarChart::Group& g : c.groups) {
    int start = x;
    for (const BarChart::Bar& b : g.bars) {
      double y = y_of(b.value);
      out += "<rect x=\"" + std::to_string(x) + "\" y=\"" + num(y) + "\" width=\"" + std::to_string(c.bar_width) +
             "\" height=\"" + num(kTop + kPlot - y) + "\" class=\"" + b.css + "\"/>";
      if (c.bar_labels) out += text_at(x + c.bar_width / 2.0, labels_at, b.label);
      x += c.bar_width + c.bar_gap;
    }
    x += c.group_gap - c.bar_gap;
    out += text_at((start + x - c.group_gap) / 2.0, group_labels_at, g.label);
  }
  if (c.mark)
    out += "<line x1=\"" + std::to_string(kAxis) + "\" x2=\"" + std::to_string(width) + "\" y1=\"" +
           num(y_of(*c.mark)) + "\" y2=\"" + num(y_of(*c.mark)) + "\" class=\"pass-mark\"/>";
  int lx = kLeft;
  for (const auto& [label, css] : c.legend) {
    out += "<rect x=\"" + std::to_string(lx) + "\" y=\"" + std::to_string(height - 14) +
           "\" width=\"12\" height=\"12\" class=\"" + css + "\"/>" + text_at(lx + 16, height - 4, label, "start");
    lx += 200;
  }
  return out + "</svg>";
}

}  // namespace prongsai::documents
