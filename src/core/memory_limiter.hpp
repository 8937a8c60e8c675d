// Rate limits held in this process's memory only: for the anonymous routes (a complaint, a
// question, a request), whose counters must not end up in the database or a backup beside the
// submission they count. Keys are HMACs under a key made at start and never stored, so even
// the process's memory holds no address in clear; windows are aligned to the clock (the hour,
// not the second a citizen first sent something), and a counter is gone once its window ends.
//
// Each node counts for itself: behind nginx with N nodes a client gets up to N times a limit
// (nginx's limit_req, per client, is the installation-wide one; deploy/nginx-prongsai.conf).
// A hit cannot fail, so a submission that commits is never answered with an error because
// its counter could not be written.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"

namespace prongsai {

class MemoryLimiter {
 public:
  // Beyond `max_keys` counters (an attacker with very many addresses), expired ones are dropped;
  // when none has expired, a new key is not counted.
  explicit MemoryLimiter(const Clock& clock = Clock::system(), std::size_t max_keys = 100000);

  // The opaque counter key for `kind` ("complaint-address") and `subject` (an address).
  std::string key_for(std::string_view kind, std::string_view subject) const;
  // Hits in the key's current window.
  std::int64_t count(const std::string& key);
  // Adds a hit in the current window of `window_seconds`; returns the count including it.
  std::int64_t hit(const std::string& key, std::int64_t window_seconds);
  std::size_t size();  // counters held (tests)

 private:
  struct Counter {
    std::int64_t window_end = 0;  // Unix seconds: the counter is void from then on
    std::int64_t count = 0;
  };
  void drop_expired(std::int64_t now);  // under mutex_

  const Clock& clock_;
  std::size_t max_keys_;
  std::string secret_;
  std::mutex mutex_;
  std::unordered_map<std::string, Counter> counters_;
};

}  // namespace prongsai
