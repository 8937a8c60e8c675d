// Text as search compares it, and the highlighted excerpts a result page shows.
//
// Thai is written without spaces between words, so search does not look for words: a query
// matches wherever its folded code points occur, in order, in the folded text. One and two
// character queries ("ผล", "ก") therefore work like long ones. Folding, per code point of text
// that text::clean has already made NFC with the Thai typing fixes:
//  - white space and the invisible joiners and break hints (U+200B–U+200D, U+2060, U+FEFF) go,
//    so "สำนัก ปลัด" and "สำนักปลัด" match each other and spacing habits do not matter;
//  - Thai digits become ASCII digits ("๒๕๖๖" finds "2566");
//  - case is folded (ICU's default folding).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace prongsai::search {

// The folded code points of `text`.
std::u32string fold(std::string_view text);

// A piece of a shown text, a match of the query or not. Rendered escaped, hits in <mark>.
struct Segment {
  std::string text;
  bool hit = false;
};

struct Excerpt {
  std::vector<Segment> segments;
  bool cut_before = false, cut_after = false;  // an ellipsis goes there
  bool has_hit() const;
};

// The whole of `text`, every non-overlapping match of `query` (folded) marked. A match never
// ends between a Thai letter and its marks: marks that follow are taken in.
Excerpt highlight(std::string_view text, std::u32string_view query);
// At most about `max_chars` code points of `text` around its first match (its start when there
// is none), line breaks shown as spaces, never starting on a combining mark.
Excerpt excerpt(std::string_view text, std::u32string_view query, std::size_t max_chars);

}  // namespace prongsai::search
