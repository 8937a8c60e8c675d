// SQL of the open-data hub: the portable subset, `?` placeholders.
#pragma once

#include <string_view>

namespace prongsai::opendata::q {

constexpr std::string_view kUnits = "SELECT dataset, unit_id FROM opendata_units WHERE agency_id = ?";
constexpr std::string_view kSetUnit =
    "INSERT INTO opendata_units (agency_id, dataset, unit_id) VALUES (?, ?, ?) "
    "ON CONFLICT (agency_id, dataset) DO UPDATE SET unit_id = excluded.unit_id";
constexpr std::string_view kClearUnit = "DELETE FROM opendata_units WHERE agency_id = ? AND dataset = ?";

}  // namespace prongsai::opendata::q
