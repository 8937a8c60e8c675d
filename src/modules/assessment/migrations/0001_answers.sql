-- The OIT answer sheet for ITAS: the admin's lines where they differ from Prongsai's proposal
-- (which is made from the registry each time and never stored). has: 1 มี, 0 ไม่มี; urls one per line.
CREATE TABLE assessment_answers (
  agency_id   BIGINT NOT NULL,
  fiscal_year BIGINT NOT NULL,
  item_code   TEXT NOT NULL,
  has         BIGINT NOT NULL,
  urls        TEXT NOT NULL,
  explanation TEXT NOT NULL,
  updated_by  BIGINT REFERENCES users (id),
  updated_at  BIGINT NOT NULL,
  PRIMARY KEY (agency_id, fiscal_year, item_code)
);
