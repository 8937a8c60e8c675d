-- Progress reports on an issue, one per due date, and the executive's review of each.
CREATE TABLE measure_progress (
  id             INTEGER PRIMARY KEY,
  agency_id      BIGINT NOT NULL,
  issue_id       BIGINT NOT NULL REFERENCES measure_issues (id),
  due_date       TEXT NOT NULL,                 -- ISO date (CE) from the issue's schedule
  status         TEXT NOT NULL,                 -- not_started | in_progress | done
  body           TEXT NOT NULL,
  evidence_links TEXT NOT NULL DEFAULT '',      -- http(s) links, one per line
  submitted_by   BIGINT NOT NULL,
  submitted_at   BIGINT NOT NULL,
  review         TEXT NOT NULL DEFAULT 'pending',  -- pending | acknowledged | returned
  review_comment TEXT NOT NULL DEFAULT '',
  reviewed_by    BIGINT,
  reviewed_at    BIGINT,
  UNIQUE (issue_id, due_date)
);
CREATE INDEX measure_progress_agency ON measure_progress (agency_id, issue_id);
