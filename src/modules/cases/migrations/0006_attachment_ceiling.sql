-- An agency-wide ceiling on what citizens attach in a day (a code or a form fills no disk), and
-- the day's count: one row per agency and day, nothing about who sent what or when in the day.
ALTER TABLE case_settings ADD COLUMN attachment_mb_per_day BIGINT NOT NULL DEFAULT 200;
CREATE TABLE attachment_intake (
  agency_id BIGINT NOT NULL,
  day       TEXT NOT NULL,
  bytes     BIGINT NOT NULL,
  reached   BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (agency_id, day)
);
