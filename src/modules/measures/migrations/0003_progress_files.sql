-- Evidence files of a progress report: the bytes are in file_blobs under their hash.
CREATE TABLE measure_progress_files (
  id           INTEGER PRIMARY KEY,
  agency_id    BIGINT NOT NULL,
  progress_id  BIGINT NOT NULL REFERENCES measure_progress (id),
  sha256       TEXT NOT NULL,
  name         TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         BIGINT NOT NULL,
  added_at     BIGINT NOT NULL
);
CREATE INDEX measure_progress_files_progress ON measure_progress_files (agency_id, progress_id);
