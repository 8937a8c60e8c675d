-- Uploaded files, content-addressed per agency: the bytes live in the database, so they are
-- written in the same transaction as the record that points at them, reach every node, and
-- go into the one backup. Records that use a file keep its hash, name and type.
CREATE TABLE file_blobs (
  agency_id    BIGINT NOT NULL,
  sha256       TEXT NOT NULL,       -- hex of the bytes
  size         BIGINT NOT NULL,
  content_type TEXT NOT NULL,       -- from the content, never from the client
  data         BLOB NOT NULL,
  created_at   BIGINT NOT NULL,
  PRIMARY KEY (agency_id, sha256)
);
