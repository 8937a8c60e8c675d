-- Clarifications of the preliminary OIT scores (ชี้แจงเพิ่มเติม), one per disputed item: the
-- text to file in ITAS (drafted from the snapshot it cites, then edited by the admin) and when
-- the admin said it was filed. Its deadline is the close of the framework's clarification
-- window; its outcome is the item's final score.
CREATE TABLE assessment_clarifications (
  agency_id   BIGINT NOT NULL,
  fiscal_year BIGINT NOT NULL,
  item_code   TEXT NOT NULL,
  body        TEXT NOT NULL,
  snapshot_id BIGINT REFERENCES assessment_snapshots (id),
  sent_at     BIGINT,
  updated_by  BIGINT REFERENCES users (id),
  updated_at  BIGINT NOT NULL,
  PRIMARY KEY (agency_id, fiscal_year, item_code)
);
