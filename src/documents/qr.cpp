// See qr.hpp. libqrencode gives the module matrix; drawing it is ours.
#include "documents/qr.hpp"

#include <cairo.h>
#include <qrencode.h>

#include <memory>

#include "documents/xml.hpp"

namespace prongsai::documents {
namespace {

constexpr int kQuiet = 4;  // the quiet zone the standard asks for, in modules

}  // namespace

std::optional<QrCode> qr_encode(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::unique_ptr<QRcode, decltype(&QRcode_free)> q(
      QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0,
                        QR_ECLEVEL_M),
      &QRcode_free);
  if (!q) return std::nullopt;
  QrCode out;
  out.size = q->width;
  out.dark.resize(static_cast<std::size_t>(q->width) * q->width);
  for (std::size_t i = 0; i < out.dark.size(); ++i) out.dark[i] = (q->data[i] & 1) != 0;
  return out;
}

std::string qr_svg(const QrCode& code, std::string_view label) {
  const int side = code.size + 2 * kQuiet;
  std::string path;
  path.reserve(static_cast<std::size_t>(code.size) * code.size * 4);
  // One horizontal run of dark modules per subpath: compact and exact.
  for (int y = 0; y < code.size; ++y) {
    for (int x = 0; x < code.size;) {
      if (!code.at(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < code.size && code.at(x + run, y)) ++run;
      path += 'M' + std::to_string(x + kQuiet) + ' ' + std::to_string(y + kQuiet) + 'h' + std::to_string(run) + "v1h-" +
              std::to_string(run) + 'z';
      x += run;
    }
  }
  std::string s = std::to_string(side);
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + s + ' ' + s +
                    "\" role=\"img\" shape-rendering=\"crispEdges\" class=\"qr\"><title>";
  out += xml_escape(label);
  out += "</title><rect width=\"" + s + "\" height=\"" + s + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path +
         "\"/></svg>";
  return out;
}

std::string qr_png(const QrCode& code, int scale) {
  const int side = (code.size + 2 * kQuiet) * scale;
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int y = 0; y < code.size; ++y) {
    for (int x = 0; x < code.size; ++x) {
      if (code.at(x, y)) cairo_rectangle(cr, (x + kQuiet) * scale, (y + kQuiet) * scale, scale, scale);
    }
  }
  cairo_fill(cr);
  cairo_destroy(cr);
  std::string png;
  cairo_surface_write_to_png_stream(
      surface,
      [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
      },
      &png);
  cairo_surface_destroy(surface);
  return png;
}

}  // namespace prongsai::documents
