// Codes people read from paper and type back: Crockford's base32 (no I, L, O or U), one random
// character per 5 bits, shown in dashed groups ("7KQ2M-9XD4H"). Typing is forgiven: case,
// spaces and dashes, O for 0, I and L for 1. Receipt codes, recovery codes and survey codes
// are all of this kind; each keeps only a hash of the canonical form.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace prongsai::codes {

// `chars` random characters (5 bits each), grouped by `group` with dashes.
std::string random(std::size_t chars, std::size_t group);
// The canonical characters of what was typed, or nullopt when it cannot be a code of `chars`.
std::optional<std::string> normalise(std::string_view typed, std::size_t chars);
std::string grouped(std::string_view canonical, std::size_t group);

}  // namespace prongsai::codes
