// One bar chart as inline SVG, fed plain figures: groups of bars on a scale from 0 with its
// gridlines and their values, each group's label under it (and each bar's, when asked), a line
// across at a mark (a pass mark), and a legend. A page's charts are all drawn here: the service
// statistics by month, the survey scores by item and by year.
//
// Accessible without the picture: role="img" and every figure in words — with a title, as
// <title> and <desc> named by aria-labelledby; without, as the aria-label.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace prongsai::documents {

struct BarChart {
  struct Bar {
    std::string label;  // under the bar, with bar_labels
    double value = 0;
    std::string css;  // its class: the colour the stylesheet gives it
  };
  struct Group {
    std::string label;
    std::vector<Bar> bars;
  };
  std::string id = "chart";  // with a title: the ids "<id>-title" and "<id>-desc"
  std::string title;
  std::string description;  // every figure, in words
  std::vector<Group> groups;
  double top = 0;              // the scale's top; 0: the largest value, at least 1, rounded up to a gridline
  double step = 0;             // a gridline every `step`; 0: 1, 2, 10 or 20 by the top, or a fifth of it
  std::optional<double> mark;  // a line across at this value (class "pass-mark")
  bool bar_labels = false;
  int bar_width = 32, bar_gap = 16, group_gap = 16;
  std::vector<std::pair<std::string, std::string>> legend;  // each label and its swatch's class
};

std::string bar_chart_svg(const BarChart& chart);

// The chart's scale as every renderer draws it (the SVG here, the PDF's in pdf.cpp): its top
// and a gridline every `step`.
struct ChartScale {
  double top = 1, step = 1;
};
ChartScale chart_scale(const BarChart& chart);
// A value as a gridline or a bar says it: whole numbers without decimals, others with one.
std::string chart_value_text(double v);

}  // namespace prongsai::documents
