-- Files a citizen or an officer attaches to a case. Kept with the case, not in file_blobs:
-- a sealed case's files (name, type and bytes) are encrypted under its key, and all go when
-- the case is deleted after its retention period.
CREATE TABLE case_files (
  id         INTEGER PRIMARY KEY,
  agency_id  BIGINT NOT NULL,
  case_id    BIGINT NOT NULL REFERENCES cases (id),
  author     TEXT NOT NULL,            -- citizen | officer
  meta       BLOB NOT NULL,            -- JSON {name, type}; sealed cases: encrypted
  data       BLOB NOT NULL,            -- sealed cases: encrypted
  size       BIGINT NOT NULL,
  at         BIGINT NOT NULL
);
CREATE INDEX case_files_case ON case_files (case_id);
