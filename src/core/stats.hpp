// Order statistics of durations: how long things took, as published (median, 90th percentile).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace prongsai::stats {

struct Durations {
  std::int64_t count = 0;
  std::optional<std::int64_t> median, p90;  // seconds; empty when count is 0
};

// Nearest rank: the p-quantile is the smallest value with at least p of the values at or below it.
Durations nearest_rank(std::vector<std::int64_t> seconds);

}  // namespace prongsai::stats
