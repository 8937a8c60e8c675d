// Fixed-window rate limits kept in the store, so that every node of an installation counts
// together. Keys are HMACs of what they count (an address, an e-mail): the table never holds
// them in clear, and the counters are not tied to any record a citizen submits.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace prongsai::store {

class RateLimiter {
 public:
  RateLimiter(Store& store, std::string key) : store_(store), key_(std::move(key)) {}

  // The opaque counter key for `kind` ("login-account") and `subject` (an e-mail).
  std::string key_for(std::string_view kind, std::string_view subject) const;
  // How many hits the key has in the current window of `window_seconds`.
  std::int64_t count(const std::string& key, std::int64_t window_seconds);
  // Adds a hit; returns the count including it.
  std::int64_t hit(const std::string& key, std::int64_t window_seconds);
  void reset(const std::string& key);
  // A delay that grows instead of a lock: the first `free` hits of a window cost nothing, then
  // each try waits `first_delay` seconds after the last hit, doubled with every further hit,
  // never more than the window. Seconds still to wait before the next try (0: go ahead).
  std::int64_t wait(const std::string& key, std::int64_t window_seconds, std::int64_t free, std::int64_t first_delay);
  // Deletes counters whose window began more than `older_than_seconds` ago (every window in use
  // is an hour or less); the number deleted. A background job's, not every hit's.
  std::int64_t prune(std::int64_t older_than_seconds = 2 * 86400);

 private:
  Store& store_;
  std::string key_;
};

}  // namespace prongsai::store
