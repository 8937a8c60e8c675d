#include "store/node_runs.hpp"

namespace prongsai::store {
namespace {

constexpr std::string_view kPrevious = "SELECT pid, started_at, stopped_at FROM node_runs WHERE node = ?";
constexpr std::string_view kStarted =
    "INSERT INTO node_runs (node, pid, started_at, stopped_at) VALUES (?, ?, ?, NULL) "
    "ON CONFLICT (node) DO UPDATE SET pid = excluded.pid, started_at = excluded.started_at, stopped_at = NULL";
constexpr std::string_view kStopped = "UPDATE node_runs SET stopped_at = ? WHERE node = ? AND pid = ?";

}  // namespace

std::optional<UnfinishedRun> node_started(Store& store, std::string_view node, std::int64_t pid) {
  std::int64_t now = store.clock().now();
  return store.bookkeeping([&](BookkeepingTx& tx) -> std::optional<UnfinishedRun> {
    std::optional<UnfinishedRun> previous;
    if (auto r = tx.query_one(kPrevious, {std::string(node)}); r && r->is_null("stopped_at"))
      previous = UnfinishedRun{r->integer("pid"), r->integer("started_at")};
    tx.exec(kStarted, {std::string(node), pid, now});
    return previous;
  });
}

void node_stopped(Store& store, std::string_view node, std::int64_t pid) {
  std::int64_t now = store.clock().now();
  store.bookkeeping([&](BookkeepingTx& tx) { return tx.exec(kStopped, {now, std::string(node), pid}); });
}

}  // namespace prongsai::store
