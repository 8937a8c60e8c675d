-- The unit of the agency responsible for each of its open datasets (the government's metadata
-- asks for it), set by the admin; a dataset without one is the agency's as a whole.
CREATE TABLE opendata_units (
  agency_id  BIGINT NOT NULL,
  dataset    TEXT NOT NULL,     -- web::Dataset::name
  unit_id    BIGINT NOT NULL,
  PRIMARY KEY (agency_id, dataset)
);
