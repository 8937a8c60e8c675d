// Receipt codes (รหัสติดตามเรื่อง): 20 characters of Crockford's base32 (core/codes.hpp), 100
// random bits, shown in four groups of five ("7KQ2M-9XD4H-TR8W3-NPZ6A").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace prongsai::cases {

std::string new_receipt_code();  // grouped, as shown
// The 20 canonical characters, or nullopt for anything that cannot be a code.
std::optional<std::string> normalise_receipt(std::string_view typed);
std::string group_receipt(std::string_view canonical);
// What the store keeps to find a case by its code: a hash in its own domain, never the code.
std::string receipt_id(std::string_view canonical);

}  // namespace prongsai::cases
