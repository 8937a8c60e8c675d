// See colour.hpp.
#include "core/colour.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace prongsai::colour {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

double channel(int v) {
  double c = v / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

}  // namespace

std::optional<Rgb> parse_hex(std::string_view s) {
  if (s.size() != 7 || s[0] != '#') return std::nullopt;
  int v[6];
  for (int i = 0; i < 6; ++i)
    if ((v[i] = hex_digit(s[i + 1])) < 0) return std::nullopt;
  return Rgb{v[0] * 16 + v[1], v[2] * 16 + v[3], v[4] * 16 + v[5]};
}

std::string hex(Rgb c) {
  char out[8];
  std::snprintf(out, sizeof out, "#%02x%02x%02x", c.r, c.g, c.b);
  return out;
}

double luminance(Rgb c) { return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b); }

double contrast(Rgb a, Rgb b) {
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Rgb darker(Rgb c, double fraction) {
  auto f = [&](int v) { return static_cast<int>(std::lround(v * (1.0 - std::clamp(fraction, 0.0, 1.0)))); };
  return {f(c.r), f(c.g), f(c.b)};
}

}  // namespace prongsai::colour
