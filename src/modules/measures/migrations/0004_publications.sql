-- What an executive approved for the public: the plan as it stood, frozen as a snapshot. The
-- public pages and files render from the snapshot, so later edits never change a published
-- version; approving again after a change makes the next version.
CREATE TABLE measure_publications (
  id            INTEGER PRIMARY KEY,
  agency_id     BIGINT NOT NULL,
  plan_id       BIGINT NOT NULL REFERENCES measure_plans (id),
  fiscal_year   BIGINT NOT NULL,
  version       BIGINT NOT NULL,
  snapshot_json TEXT NOT NULL,
  note          TEXT NOT NULL DEFAULT '',
  approved_by   BIGINT NOT NULL,
  approver_name TEXT NOT NULL,
  approved_at   BIGINT NOT NULL,
  UNIQUE (agency_id, fiscal_year, version)
);
