-- O42 plans and their issues, steps and responsible units.
CREATE TABLE measure_plans (
  id            INTEGER PRIMARY KEY,
  agency_id     BIGINT NOT NULL REFERENCES agencies (id),
  fiscal_year   BIGINT NOT NULL,          -- BE: the year the plan is carried out in
  cited_year    BIGINT NOT NULL,          -- the assessment whose item codes it answers (year - 1)
  title         TEXT NOT NULL,
  prepared_by   TEXT NOT NULL DEFAULT '',
  agency_name_as_written TEXT NOT NULL DEFAULT '',
  source        TEXT NOT NULL,            -- 'import' or 'manual'
  created_at    BIGINT NOT NULL,
  UNIQUE (agency_id, fiscal_year)
);

CREATE TABLE measure_issues (
  id                  INTEGER PRIMARY KEY,
  agency_id           BIGINT NOT NULL,
  plan_id             BIGINT NOT NULL REFERENCES measure_plans (id),
  position            BIGINT NOT NULL,
  item_code           TEXT NOT NULL,
  indicator_text      TEXT NOT NULL DEFAULT '',
  question            TEXT NOT NULL DEFAULT '',
  sub_questions_json  TEXT NOT NULL DEFAULT '[]',
  target_answers_json TEXT NOT NULL DEFAULT '[]',
  responsible_text    TEXT NOT NULL DEFAULT '',
  all_units           BIGINT NOT NULL DEFAULT 0,
  cadence             TEXT NOT NULL DEFAULT 'unknown',
  cadence_months_json TEXT NOT NULL DEFAULT '[]',
  deadline_month      BIGINT NOT NULL DEFAULT 0,
  monitoring_text     TEXT NOT NULL DEFAULT '',
  summary             TEXT NOT NULL DEFAULT '',
  outcome             TEXT NOT NULL DEFAULT '',
  UNIQUE (plan_id, position)
);

CREATE TABLE measure_issue_units (
  agency_id BIGINT NOT NULL,
  issue_id  BIGINT NOT NULL REFERENCES measure_issues (id),
  unit_id   BIGINT NOT NULL REFERENCES units (id),
  PRIMARY KEY (issue_id, unit_id)
);

CREATE TABLE measure_steps (
  id        INTEGER PRIMARY KEY,
  agency_id BIGINT NOT NULL,
  issue_id  BIGINT NOT NULL REFERENCES measure_issues (id),
  position  BIGINT NOT NULL,
  number    BIGINT NOT NULL,   -- as written; 0 when unnumbered
  text      TEXT NOT NULL
);
CREATE INDEX measure_steps_issue ON measure_steps (issue_id, position);
