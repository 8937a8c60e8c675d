-- What the link checker (links.hpp) last found of each link and file of evidence: its state,
-- since when it has been failing, and the hash of what a link first answered (to see it change).
CREATE TABLE oit_link_checks (
  evidence_id   BIGINT PRIMARY KEY,
  agency_id     BIGINT NOT NULL,
  state         TEXT NOT NULL,             -- ok | broken | moved | changed
  http_status   BIGINT NOT NULL DEFAULT 0,
  detail        TEXT NOT NULL DEFAULT '',
  first_sha256  TEXT NOT NULL DEFAULT '',
  checked_at    BIGINT NOT NULL,
  failing_since BIGINT
);
