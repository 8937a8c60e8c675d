-- replaces: modules/channels 1
-- The agency's contact channels (ข้อมูลการติดต่อ): one JSON document per agency, public.
CREATE TABLE contact_info (
  agency_id  BIGINT PRIMARY KEY,
  data       TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
