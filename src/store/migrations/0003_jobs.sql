-- Background jobs the installation runs once, whichever node gets there first (store/jobs.hpp):
-- one row per job. A node runs a job only by moving `next_run_at` past the due time in the same
-- statement that checks it, so two nodes asking together cannot both win; `lease_until` keeps
-- a long run from being started again until it ends or its node is presumed gone.
CREATE TABLE jobs (
  name         TEXT PRIMARY KEY,
  next_run_at  BIGINT NOT NULL,
  lease_until  BIGINT,
  node         TEXT NOT NULL,   -- the node that ran it last
  started_at   BIGINT,
  finished_at  BIGINT,
  runs         BIGINT NOT NULL,
  last_error   TEXT NOT NULL
);
