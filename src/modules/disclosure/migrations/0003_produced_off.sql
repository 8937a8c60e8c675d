-- An item whose evidence Prongsai produces from its own pages (web/evidence.hpp) can be told
-- not to use them, with the admin's reason: the item is then judged by uploaded evidence alone.
CREATE TABLE oit_produced_off (
  agency_id   BIGINT NOT NULL,
  fiscal_year BIGINT NOT NULL,
  item_code   TEXT NOT NULL,
  reason      TEXT NOT NULL,
  created_by  BIGINT,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (agency_id, fiscal_year, item_code)
);
