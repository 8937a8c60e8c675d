// Background work that an installation must do once per due time, not once per node: the
// retention purge, queueing the day's reminders. Every node's scheduler asks to run each job
// when it thinks it is due; `claim` lets exactly one of them. The claim is one UPDATE that checks
// the due time and moves it on: on PostgreSQL a second node's UPDATE waits for the first one's
// row lock and then finds the row no longer due; on SQLite writes are serialised anyway.
//
// A run holds a lease. A node that dies mid-run is presumed gone when the lease ends; until
// then nobody starts the job again, however overdue, so one run never overlaps another.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace prongsai::store {

struct JobState {
  std::string name;
  std::int64_t next_run_at = 0;
  std::optional<std::int64_t> lease_until;  // running (or its node died) until then
  std::string node;                         // the node that ran it last
  std::optional<std::int64_t> started_at, finished_at;
  std::int64_t runs = 0;
  std::string last_error;  // of the last finished run; empty when it went well
};

class Jobs {
 public:
  // `node` names this process in the jobs table and the log, e.g. "web1:4711".
  Jobs(Store& store, std::string node) : store_(store), node_(std::move(node)) {}

  // True for exactly one caller among all nodes when `name` is due now (a job never run is due)
  // and no run of it holds a lease: that caller runs it and then calls `finished`. The next run
  // is due at `next_run_at`; the lease lasts `lease_seconds`.
  bool claim(std::string_view name, std::int64_t next_run_at, std::int64_t lease_seconds);
  // Ends this node's run of `name`: the lease is given back; `error` is empty when it went well.
  void finished(std::string_view name, std::string_view error);
  // Every job the installation has run, by name.
  std::vector<JobState> list();
  const std::string& node() const { return node_; }

  // The default node name: the host name and the process id.
  static std::string default_node_name();

 private:
  Store& store_;
  std::string node_;
};

}  // namespace prongsai::store
