#include "core/stats.hpp"

#include <algorithm>
#include <cmath>

namespace prongsai::stats {

Durations nearest_rank(std::vector<std::int64_t> seconds) {
  Durations d;
  d.count = static_cast<std::int64_t>(seconds.size());
  if (seconds.empty()) return d;
  std::sort(seconds.begin(), seconds.end());
  auto rank = [&](double p) {
    auto n = static_cast<std::size_t>(std::ceil(p * static_cast<double>(seconds.size())));
    return seconds[std::max<std::size_t>(n, 1) - 1];
  };
  d.median = rank(0.5);
  d.p90 = rank(0.9);
  return d;
}

}  // namespace prongsai::stats
