-- The OIT registry: per agency, fiscal year and framework item, the unit that answers for it
-- and its evidence (text, a file, or a link), each with its publish date and, for items that
-- recur, the period it fills. Removed evidence keeps its row (removed_at) for the record.
CREATE TABLE oit_item_units (
  agency_id   BIGINT NOT NULL,
  fiscal_year BIGINT NOT NULL,
  item_code   TEXT NOT NULL,
  unit_id     BIGINT NOT NULL REFERENCES units (id),
  PRIMARY KEY (agency_id, fiscal_year, item_code)
);

CREATE TABLE oit_evidence (
  id           INTEGER PRIMARY KEY,
  agency_id    BIGINT NOT NULL,
  fiscal_year  BIGINT NOT NULL,
  item_code    TEXT NOT NULL,
  period       TEXT NOT NULL DEFAULT '',  -- '' the year; '2022-10' a month (CE); 'H1' / 'H2' a half-year
  kind         TEXT NOT NULL,             -- text | file | link
  title        TEXT NOT NULL,
  body         TEXT NOT NULL DEFAULT '',
  url          TEXT NOT NULL DEFAULT '',
  sha256       TEXT NOT NULL DEFAULT '',
  file_name    TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL DEFAULT '',
  size         BIGINT NOT NULL DEFAULT 0,
  published_on TEXT NOT NULL,             -- ISO date (CE)
  created_by   BIGINT,
  created_at   BIGINT NOT NULL,
  removed_at   BIGINT
);
CREATE INDEX oit_evidence_item ON oit_evidence (agency_id, fiscal_year, item_code);
