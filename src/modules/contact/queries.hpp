// SQL of the contact module: the portable subset, `?` placeholders.
#pragma once

#include <string_view>

namespace prongsai::contact::q {

constexpr std::string_view kContact = "SELECT data, updated_at FROM contact_info WHERE agency_id = ?";
constexpr std::string_view kSaveContact =
    "INSERT INTO contact_info (agency_id, data, updated_at) VALUES (?, ?, ?) "
    "ON CONFLICT (agency_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at";

}  // namespace prongsai::contact::q
