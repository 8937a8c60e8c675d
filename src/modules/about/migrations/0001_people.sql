-- The agency's people as the public sees them (ข้อมูลผู้บริหาร, โครงสร้าง): executives and the
-- council (a local government's political side) and officials (its permanent side, a unit's
-- head among them), each with a position, contact, photo (bytes in file_blobs) and term.
CREATE TABLE about_people (
  id           INTEGER PRIMARY KEY,
  agency_id    BIGINT NOT NULL,
  side         TEXT NOT NULL,              -- executive | council | official
  position     TEXT NOT NULL,
  name         TEXT NOT NULL,
  unit_id      BIGINT REFERENCES units (id),
  heads_unit   BIGINT NOT NULL DEFAULT 0,
  phone        TEXT NOT NULL DEFAULT '',
  email        TEXT NOT NULL DEFAULT '',
  photo_sha256 TEXT NOT NULL DEFAULT '',
  photo_name   TEXT NOT NULL DEFAULT '',
  photo_type   TEXT NOT NULL DEFAULT '',
  photo_size   BIGINT NOT NULL DEFAULT 0,
  term_from    TEXT NOT NULL DEFAULT '',  -- ISO date (CE); '' not said
  term_to      TEXT NOT NULL DEFAULT '',  -- ISO date (CE); '' still in office
  sort         BIGINT NOT NULL DEFAULT 0,
  updated_at   BIGINT NOT NULL
);
CREATE INDEX about_people_agency ON about_people (agency_id, side, sort);

-- When the people's pages last changed (a save or a removal), per agency: their date as evidence.
CREATE TABLE about_changes (
  agency_id  BIGINT PRIMARY KEY,
  changed_at BIGINT NOT NULL
);
