-- The days the agency does not work besides weekends: public holidays (the fixed ones can be
-- added in one step; the Buddhist ones and days in lieu move every year) and its own.
-- Targets in working days are counted without them.
CREATE TABLE holidays (
  agency_id BIGINT NOT NULL,
  day       TEXT NOT NULL,
  name      TEXT NOT NULL,
  PRIMARY KEY (agency_id, day)
);
