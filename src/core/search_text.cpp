// Folding works per code point so that a match in the folded text maps back to the original's
// code points, which is what highlighting needs.
#include "core/search_text.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace prongsai::search {
namespace {

bool is_dropped(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF ||
         u_isUWhiteSpace(static_cast<UChar32>(c));
}

// The folded form of one code point; 0 when it folds away.
char32_t fold_one(char32_t c) {
  if (is_dropped(c)) return 0;
  if (c >= 0x0E50 && c <= 0x0E59) return U'0' + (c - 0x0E50);  // Thai digits
  return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

bool is_mark(char32_t c) {
  auto t = u_charType(static_cast<UChar32>(c));
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

// `text` as code points with the byte offset of each (and of the end), and its matches of
// `query` as half-open ranges of code point indices.
struct Scan {
  std::u32string cps;
  std::vector<std::size_t> bytes;
  std::vector<std::pair<std::size_t, std::size_t>> hits;
};

Scan scan(std::string_view text, std::u32string_view query) {
  Scan s;
  std::u32string folded;
  std::vector<std::size_t> origin;  // folded position → code point index
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  while (i < n) {
    s.bytes.push_back(static_cast<std::size_t>(i));
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    char32_t cp = c < 0 ? 0xFFFD : static_cast<char32_t>(c);
    s.cps.push_back(cp);
    if (char32_t f = fold_one(cp)) {
      folded.push_back(f);
      origin.push_back(s.cps.size() - 1);
    }
  }
  s.bytes.push_back(text.size());
  if (query.empty()) return s;
  auto at = folded.begin();
  for (;;) {
    at = std::search(at, folded.end(), query.begin(), query.end());
    if (at == folded.end()) break;
    auto f = static_cast<std::size_t>(at - folded.begin());
    std::size_t first = origin[f], last = origin[f + query.size() - 1] + 1;
    while (first > 0 && is_mark(s.cps[first])) --first;
    while (last < s.cps.size() && is_mark(s.cps[last])) ++last;
    if (!s.hits.empty() && first < s.hits.back().second) first = s.hits.back().second;
    if (first < last) s.hits.emplace_back(first, last);
    at += static_cast<std::ptrdiff_t>(query.size());
  }
  return s;
}

// Code points [from, to) of the scanned text as segments.
Excerpt render(const Scan& s, std::string_view text, std::size_t from, std::size_t to, bool flatten) {
  Excerpt out;
  auto piece = [&](std::size_t a, std::size_t b, bool hit) {
    if (a >= b) return;
    std::string t(text.substr(s.bytes[a], s.bytes[b] - s.bytes[a]));
    if (flatten)
      std::replace_if(
          t.begin(), t.end(), [](char c) { return c == '\n' || c == '\t'; }, ' ');
    if (!out.segments.empty() && out.segments.back().hit == hit)
      out.segments.back().text += t;
    else
      out.segments.push_back({std::move(t), hit});
  };
  std::size_t at = from;
  for (auto [a, b] : s.hits) {
    a = std::clamp(a, from, to);
    b = std::clamp(b, from, to);
    if (a >= b) continue;
    piece(at, a, false);
    piece(a, b, true);
    at = b;
  }
  piece(at, to, false);
  out.cut_before = from > 0;
  out.cut_after = to < s.cps.size();
  return out;
}

}  // namespace

std::u32string fold(std::string_view text) {
  std::u32string out;
  out.reserve(text.size() / 2);
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (char32_t f = fold_one(c < 0 ? 0xFFFD : static_cast<char32_t>(c))) out.push_back(f);
  }
  return out;
}

bool Excerpt::has_hit() const {
  return std::any_of(segments.begin(), segments.end(), [](const Segment& s) { return s.hit; });
}

Excerpt highlight(std::string_view text, std::u32string_view query) {
  Scan s = scan(text, query);
  return render(s, text, 0, s.cps.size(), false);
}

Excerpt excerpt(std::string_view text, std::u32string_view query, std::size_t max_chars) {
  Scan s = scan(text, query);
  std::size_t n = s.cps.size();
  std::size_t lead = max_chars / 4;
  std::size_t from = 0;
  if (!s.hits.empty() && s.hits.front().first > lead) from = s.hits.front().first - lead;
  // Start at a word's edge when one is near, and never on a mark.
  for (std::size_t back = 0; back < 12 && from > 0 && !u_isUWhiteSpace(static_cast<UChar32>(s.cps[from - 1])); ++back)
    --from;
  while (from > 0 && is_mark(s.cps[from])) --from;
  while (from < n && u_isUWhiteSpace(static_cast<UChar32>(s.cps[from]))) ++from;
  std::size_t to = std::min(n, from + max_chars);
  while (to < n && is_mark(s.cps[to])) ++to;
  return render(s, text, from, to, true);
}

}  // namespace prongsai::search
