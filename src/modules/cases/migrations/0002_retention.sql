-- How long closed cases are kept before they are deleted (secure_delete overwrites the freed
-- pages on SQLite). One row per agency that changed the default.
CREATE TABLE case_settings (
  agency_id      BIGINT PRIMARY KEY,
  retention_days BIGINT NOT NULL
);
