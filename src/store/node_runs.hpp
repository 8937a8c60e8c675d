// Each serving node's last run, so that a run that ended without stopping (killed by a signal,
// crashed, its machine lost) is said in the log when the node starts again: a process that
// dies on a signal cannot always say so itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "store/store.hpp"

namespace prongsai::store {

struct UnfinishedRun {
  std::int64_t pid = 0;
  std::int64_t started_at = 0;
};

// Records that `node` starts now as process `pid`; returns the node's previous run when that
// run never recorded its stop.
std::optional<UnfinishedRun> node_started(Store& store, std::string_view node, std::int64_t pid);
// Records the clean stop of the run `node_started` recorded.
void node_stopped(Store& store, std::string_view node, std::int64_t pid);

}  // namespace prongsai::store
