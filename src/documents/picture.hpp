// A picture made of words: a field of one colour with a title (and a line under it) in Thai,
// shaped by Pango, as a PNG. For the demo agency's news, whose pictures must not pretend to be
// photographs of anything.
#pragma once

#include <string>
#include <string_view>

namespace prongsai::documents {

// `width`×`height` pixels; the title wraps and is cut with "…" where it does not fit. `rgb`:
// the field's colour (0xRRGGBB); the words are white.
std::string title_picture_png(std::string_view title, std::string_view caption, unsigned rgb, int width = 1200,
                              int height = 675);

}  // namespace prongsai::documents
