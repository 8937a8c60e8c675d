// The fiscal year a staff page is asked for (?year=) and the links to the years it offers.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "core/thai_calendar.hpp"
#include "http/message.hpp"

namespace prongsai::web {

// The fiscal year of ?year= (default: today's), from 2560 to the year after today's.
std::optional<int> year_asked(const http::Request& req, calendar::Date today);
// Links to the years a page offers, `path?year=Y`: next year back to four years ago.
nlohmann::json year_links(const std::string& path, calendar::Date today, int selected);

}  // namespace prongsai::web
