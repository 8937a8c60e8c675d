// Colours an agency chooses for its site, judged by WCAG 2.1's contrast ratio
// (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): text and links in the agency's colour, and
// white text on it, must reach AA for normal text (4.5:1).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace prongsai::colour {

struct Rgb {
  int r = 0, g = 0, b = 0;  // 0–255
};

// "#0b4f8a" or "#0B4F8A" (what <input type=color> sends); nullopt for anything else.
std::optional<Rgb> parse_hex(std::string_view s);
std::string hex(Rgb c);  // "#0b4f8a"

// WCAG's relative luminance, 0 (black) to 1 (white).
double luminance(Rgb c);
// (L1 + 0.05) / (L2 + 0.05) with L1 the lighter: 1 to 21.
double contrast(Rgb a, Rgb b);

inline constexpr double kAaNormalText = 4.5;

// The same hue, darker by `fraction` (0–1) of each channel: hover and second bands.
Rgb darker(Rgb c, double fraction);

}  // namespace prongsai::colour
