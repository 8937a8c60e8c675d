// Fixed windows: a counter resets when its window has passed. Old rows are pruned as they are
// touched and by `prune`-style deletes of expired windows on each hit.
#include "store/rate_limit.hpp"

#include <algorithm>

#include "core/crypto.hpp"

namespace prongsai::store {
namespace {

constexpr std::string_view kSelectCounter = "SELECT window_start, count, last_at FROM rate_counters WHERE key = ?";
constexpr std::string_view kUpsertCounter =
    "INSERT INTO rate_counters (key, window_start, count, last_at) VALUES (?, ?, 1, ?) "
    "ON CONFLICT (key) DO UPDATE SET last_at = excluded.last_at, "
    "count = CASE WHEN rate_counters.window_start <= ? THEN 1 ELSE rate_counters.count + 1 END, "
    "window_start = CASE WHEN rate_counters.window_start <= ? THEN excluded.window_start ELSE "
    "rate_counters.window_start END "
    "RETURNING count";
constexpr std::string_view kDeleteCounter = "DELETE FROM rate_counters WHERE key = ?";
constexpr std::string_view kPruneCounters = "DELETE FROM rate_counters WHERE window_start < ? RETURNING 1";

}  // namespace

std::string RateLimiter::key_for(std::string_view kind, std::string_view subject) const {
  return std::string(kind) + ":" +
         crypto::to_hex(crypto::hmac_sha256(key_, std::string(kind) + "\n" + std::string(subject))).substr(0, 40);
}

std::int64_t RateLimiter::count(const std::string& key, std::int64_t window_seconds) {
  std::int64_t now = store_.clock().now();
  return store_.read([&](ReadTx& tx) -> std::int64_t {
    auto row = tx.query_one(kSelectCounter, {key});
    if (!row || row->integer("window_start") <= now - window_seconds) return 0;
    return row->integer("count");
  });
}

std::int64_t RateLimiter::wait(const std::string& key, std::int64_t window_seconds, std::int64_t free,
                               std::int64_t first_delay) {
  std::int64_t now = store_.clock().now();
  return store_.read([&](ReadTx& tx) -> std::int64_t {
    auto row = tx.query_one(kSelectCounter, {key});
    if (!row || row->integer("window_start") <= now - window_seconds) return 0;
    std::int64_t over = row->integer("count") - free;
    if (over < 0) return 0;
    std::int64_t delay = window_seconds;
    if (over < 30 && (first_delay << over) < window_seconds) delay = first_delay << over;
    return std::max<std::int64_t>(0, row->integer("last_at") + delay - now);
  });
}

std::int64_t RateLimiter::hit(const std::string& key, std::int64_t window_seconds) {
  std::int64_t now = store_.clock().now();
  std::int64_t expired = now - window_seconds;
  return store_.bookkeeping([&](BookkeepingTx& tx) -> std::int64_t {
    auto rows = tx.exec(kUpsertCounter, {key, now, now, expired, expired});
    return rows.empty() ? 1 : rows.front().integer("count");
  });
}

void RateLimiter::reset(const std::string& key) {
  store_.bookkeeping([&](BookkeepingTx& tx) { return tx.exec(kDeleteCounter, {key}); });
}

std::int64_t RateLimiter::prune(std::int64_t older_than_seconds) {
  std::int64_t before = store_.clock().now() - older_than_seconds;
  return store_.bookkeeping(
      [&](BookkeepingTx& tx) { return static_cast<std::int64_t>(tx.exec(kPruneCounters, {before}).size()); });
}

}  // namespace prongsai::store
