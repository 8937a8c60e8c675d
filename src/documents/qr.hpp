// QR codes (libqrencode) drawn as SVG for pages and posters, and as PNG (Cairo) for downloads.
// Error correction M (15 %): survives a crease or a smudge on a printed poster.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace prongsai::documents {

struct QrCode {
  int size = 0;            // modules per side, without the quiet zone
  std::vector<bool> dark;  // row-major, size * size
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x]; }
};

// nullopt for text libqrencode cannot encode (empty, or longer than a version 40 code holds).
std::optional<QrCode> qr_encode(std::string_view text);

// A scalable SVG (viewBox in modules, a quiet zone of 4), one path for the dark modules;
// `label` becomes its accessible name (role="img", <title>). Safe to inline in HTML.
std::string qr_svg(const QrCode& code, std::string_view label);

// A PNG of `scale` pixels per module with the quiet zone.
std::string qr_png(const QrCode& code, int scale = 8);

}  // namespace prongsai::documents
