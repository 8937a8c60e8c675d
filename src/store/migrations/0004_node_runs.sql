-- Each serving node's last run (store/node_runs.hpp): when it started and whether it stopped
-- cleanly. A row still without `stopped_at` when its node starts again is a run that was
-- killed or crashed, and the new run says so in its log.
CREATE TABLE node_runs (
  node        TEXT PRIMARY KEY,  -- --node-name, or the host name and the port it listens on
  pid         BIGINT NOT NULL,
  started_at  BIGINT NOT NULL,
  stopped_at  BIGINT
);
