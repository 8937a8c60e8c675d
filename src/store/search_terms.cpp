#include "store/search_terms.hpp"

#include <algorithm>

namespace prongsai::store::search_terms {

std::u32string letters(std::u32string_view cps) {
  std::u32string out(cps);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  std::erase(out, kPartBreak);
  return out;
}

std::vector<std::pair<char32_t, char32_t>> pairs(std::u32string_view cps, std::vector<std::size_t>* breaks) {
  std::vector<std::pair<char32_t, char32_t>> out;
  out.reserve(cps.size());
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (cps[i] == kPartBreak) {
      if (breaks) breaks->push_back(out.size());
      continue;
    }
    if (i + 1 < cps.size() && cps[i + 1] != kPartBreak) out.emplace_back(cps[i], cps[i + 1]);
  }
  return out;
}

}  // namespace prongsai::store::search_terms
