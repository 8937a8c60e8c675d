// See memory_limiter.hpp.
#include "core/memory_limiter.hpp"

#include "core/crypto.hpp"

namespace prongsai {

MemoryLimiter::MemoryLimiter(const Clock& clock, std::size_t max_keys)
    : clock_(clock), max_keys_(max_keys), secret_(crypto::random_bytes(32)) {}

std::string MemoryLimiter::key_for(std::string_view kind, std::string_view subject) const {
  return crypto::hmac_sha256(secret_, std::string(kind) + "\n" + std::string(subject));
}

std::int64_t MemoryLimiter::count(const std::string& key) {
  std::int64_t now = clock_.now();
  std::lock_guard lock(mutex_);
  auto it = counters_.find(key);
  if (it == counters_.end() || it->second.window_end <= now) return 0;
  return it->second.count;
}

std::int64_t MemoryLimiter::hit(const std::string& key, std::int64_t window_seconds) {
  std::int64_t now = clock_.now();
  std::int64_t window_end = (now / window_seconds + 1) * window_seconds;
  std::lock_guard lock(mutex_);
  auto it = counters_.find(key);
  if (it == counters_.end()) {
    if (counters_.size() >= max_keys_) drop_expired(now);
    if (counters_.size() >= max_keys_) return 1;
    it = counters_.emplace(key, Counter{}).first;
  }
  Counter& c = it->second;
  if (c.window_end <= now) c = Counter{window_end, 0};
  return ++c.count;
}

std::size_t MemoryLimiter::size() {
  std::lock_guard lock(mutex_);
  drop_expired(clock_.now());
  return counters_.size();
}

void MemoryLimiter::drop_expired(std::int64_t now) {
  std::erase_if(counters_, [now](const auto& kv) { return kv.second.window_end <= now; });
}

}  // namespace prongsai
