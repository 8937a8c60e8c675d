// See picture.hpp.
#include "documents/picture.hpp"

#include <pango/pangocairo.h>

#include <memory>

namespace prongsai::documents {
namespace {

struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct ObjectFree {
  void operator()(void* o) const { g_object_unref(o); }
};
struct FontFree {
  void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Draws `text` at (x, y) within `width`, in at most `lines` lines; returns its height.
double draw(cairo_t* cr, std::string_view text, const char* font, double x, double y, double width, int lines) {
  std::unique_ptr<PangoLayout, ObjectFree> layout(pango_cairo_create_layout(cr));
  std::unique_ptr<PangoFontDescription, FontFree> desc(pango_font_description_from_string(font));
  pango_layout_set_font_description(layout.get(), desc.get());
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height(layout.get(), -lines);
  pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout.get(), &w, &h);
  return h;
}

}  // namespace

std::string title_picture_png(std::string_view title, std::string_view caption, unsigned rgb, int width, int height) {
  std::unique_ptr<cairo_surface_t, SurfaceFree> surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height));
  std::unique_ptr<cairo_t, ContextFree> cr(cairo_create(surface.get()));
  cairo_set_source_rgb(cr.get(), ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
  cairo_paint(cr.get());
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  double margin = width * 0.07;
  double y = height * 0.22;
  y += draw(cr.get(), title, "Laksaman Bold 60px", margin, y, width - 2 * margin, 3) + height * 0.05;
  draw(cr.get(), caption, "Laksaman 34px", margin, y, width - 2 * margin, 2);
  std::string png;
  cairo_surface_flush(surface.get());
  cairo_surface_write_to_png_stream(surface.get(), append, &png);
  return png;
}

}  // namespace prongsai::documents
