-- A frozen snapshot of the agency's public ITA pages, taken when it submits its answers in ITAS,
-- so that a clarification can show what was at the link that day: the answer sheet as sent,
-- each OIT item's evidence as it stood, and every public page of the year as served (the year's
-- page, each item's page, Prongsai's own pages that answer an item), each by its SHA-256, the
-- bytes in file_blobs (never deleted). Rows are only ever inserted: a snapshot is not changed.
CREATE TABLE assessment_snapshots (
  id          INTEGER PRIMARY KEY,
  agency_id   BIGINT NOT NULL,
  fiscal_year BIGINT NOT NULL,
  slug        TEXT NOT NULL,       -- its address: the day (CE, Thailand) "2027-04-20"; "2027-04-20-2" a second that day
  taken_on    TEXT NOT NULL,       -- the day, ISO
  taken_at    BIGINT NOT NULL,
  taken_by    BIGINT REFERENCES users (id),
  UNIQUE (agency_id, fiscal_year, slug)
);

-- Each OIT item: its readiness then, the line of the sheet as sent (has: 1 มี; urls one per
-- line), and its evidence as JSON (what the snapshot's page lists; files by hash).
-- fingerprint: SHA-256 of the evidence, which later readings compare to mark what changed.
CREATE TABLE assessment_snapshot_items (
  snapshot_id BIGINT NOT NULL REFERENCES assessment_snapshots (id),
  agency_id   BIGINT NOT NULL,
  item_code   TEXT NOT NULL,
  status      TEXT NOT NULL,
  has         BIGINT NOT NULL,
  urls        TEXT NOT NULL,
  explanation TEXT NOT NULL,
  evidence    TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, item_code)
);

-- The public pages as served (HTML, or a document Prongsai makes): the bytes' hash (in
-- file_blobs), the name to save them as, their Content-Type and size.
CREATE TABLE assessment_snapshot_pages (
  snapshot_id  BIGINT NOT NULL REFERENCES assessment_snapshots (id),
  agency_id    BIGINT NOT NULL,
  path         TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  name         TEXT NOT NULL,       -- to save it as: "ita-2570-O11-2027-04-20.html"
  content_type TEXT NOT NULL,
  size         BIGINT NOT NULL,
  PRIMARY KEY (snapshot_id, path)
);
