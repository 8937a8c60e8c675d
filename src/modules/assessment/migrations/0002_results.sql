-- The assessor's result as ITAS shows it to the agency, typed or pasted in by the admin: each OIT
-- item's preliminary and final score (100 or 0; NULL while not given) with the assessor's
-- comment, and the survey tools' scores (hundredths: 8452 is 84.52).
CREATE TABLE assessment_item_scores (
  agency_id   BIGINT NOT NULL,
  fiscal_year BIGINT NOT NULL,
  item_code   TEXT NOT NULL,
  preliminary BIGINT,
  final       BIGINT,
  comment     TEXT NOT NULL DEFAULT '',
  updated_by  BIGINT REFERENCES users (id),
  updated_at  BIGINT NOT NULL,
  PRIMARY KEY (agency_id, fiscal_year, item_code)
);
CREATE TABLE assessment_tool_scores (
  agency_id   BIGINT NOT NULL,
  fiscal_year BIGINT NOT NULL,
  tool        TEXT NOT NULL,
  hundredths  BIGINT NOT NULL,
  updated_by  BIGINT REFERENCES users (id),
  updated_at  BIGINT NOT NULL,
  PRIMARY KEY (agency_id, fiscal_year, tool)
);
