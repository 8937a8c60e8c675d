#include "web/years.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace prongsai::web {

std::optional<int> year_asked(const http::Request& req, calendar::Date today) {
  int current = calendar::FiscalYear::of(today).be();
  auto year = text::parse_id(req.query_param("year").value_or(std::to_string(current)));
  if (!year || *year < 2560 || *year > current + 1) return std::nullopt;
  return static_cast<int>(*year);
}

nlohmann::json year_links(const std::string& path, calendar::Date today, int selected) {
  int current = calendar::FiscalYear::of(today).be();
  nlohmann::json years = nlohmann::json::array();
  for (int y = current + 1; y >= std::max(2560, current - 3); --y)
    years.push_back(
        {{"year", std::to_string(y)}, {"href", path + "?year=" + std::to_string(y)}, {"current", y == selected}});
  return years;
}

}  // namespace prongsai::web
