#include "store/jobs.hpp"

#include <unistd.h>

#include <array>

namespace prongsai::store {
namespace {

constexpr std::string_view kInsertIfMissing =
    "INSERT INTO jobs (name, next_run_at, node, runs, last_error) VALUES (?, 0, '', 0, '') "
    "ON CONFLICT (name) DO NOTHING";
// The due check and the move to the next due time in one statement (see jobs.hpp).
constexpr std::string_view kClaim =
    "UPDATE jobs SET next_run_at = ?, lease_until = ?, node = ?, started_at = ?, runs = runs + 1 "
    "WHERE name = ? AND next_run_at <= ? AND (lease_until IS NULL OR lease_until < ?) RETURNING runs";
constexpr std::string_view kFinished =
    "UPDATE jobs SET lease_until = NULL, finished_at = ?, last_error = ? WHERE name = ? AND node = ?";
constexpr std::string_view kList =
    "SELECT name, next_run_at, lease_until, node, started_at, finished_at, runs, last_error FROM jobs ORDER BY name";

}  // namespace

bool Jobs::claim(std::string_view name, std::int64_t next_run_at, std::int64_t lease_seconds) {
  std::int64_t now = store_.clock().now();
  std::string job(name);
  store_.bookkeeping([&](BookkeepingTx& tx) { return tx.exec(kInsertIfMissing, {job}); });
  return store_.bookkeeping([&](BookkeepingTx& tx) {
    return !tx.exec(kClaim, {next_run_at, now + lease_seconds, node_, now, job, now, now}).empty();
  });
}

void Jobs::finished(std::string_view name, std::string_view error) {
  std::int64_t now = store_.clock().now();
  store_.bookkeeping([&](BookkeepingTx& tx) {
    return tx.exec(kFinished, {now, std::string(error), std::string(name), node_});
  });
}

std::vector<JobState> Jobs::list() {
  return store_.read([](ReadTx& tx) {
    std::vector<JobState> out;
    for (const auto& r : tx.query(kList)) {
      JobState j;
      j.name = r.text("name");
      j.next_run_at = r.integer("next_run_at");
      if (!r.is_null("lease_until")) j.lease_until = r.integer("lease_until");
      j.node = r.text("node");
      if (!r.is_null("started_at")) j.started_at = r.integer("started_at");
      if (!r.is_null("finished_at")) j.finished_at = r.integer("finished_at");
      j.runs = r.integer("runs");
      j.last_error = r.text("last_error");
      out.push_back(std::move(j));
    }
    return out;
  });
}

std::string Jobs::default_node_name() {
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
  return std::string(host.data()) + ":" + std::to_string(getpid());
}

}  // namespace prongsai::store
