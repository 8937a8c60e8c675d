// What the backends' own search indexes are made of (store-internal), from the code points of a
// folded entry (search_docs.folded; text::to_code_points): the distinct letters, and the pairs of
// neighbouring code points, never across the line break between title and text. A run of two or
// more code points is in an entry only if all its pairs are; the backends look pairs up in an
// index, then make sure of the run itself.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace prongsai::store::search_terms {

constexpr char32_t kPartBreak = U'\n';

// Each code point once, in code point order; the part break is not a letter.
std::u32string letters(std::u32string_view cps);
// Neighbouring pairs in text order (the same pair may recur); `breaks` gets, for each part break,
// the number of pairs before it.
std::vector<std::pair<char32_t, char32_t>> pairs(std::u32string_view cps, std::vector<std::size_t>* breaks = nullptr);

}  // namespace prongsai::store::search_terms
