-- The agency's document library (คลังเอกสาร): announcements, orders, plans, manuals, bylaws,
-- reports, minutes, forms, each with its number, date and fiscal year, the unit that answers for
-- it, its files (bytes in file_blobs) and the OIT roles it answers (framework::role).
CREATE TABLE library_documents (
  id          INTEGER PRIMARY KEY,
  agency_id   BIGINT NOT NULL,
  kind        TEXT NOT NULL,              -- announcement | order | plan | manual | bylaw | report | minutes | form | other
  title       TEXT NOT NULL,
  number      TEXT NOT NULL DEFAULT '',  -- "12/2569", as written on the document
  issued_on   TEXT NOT NULL,              -- ISO date (CE)
  fiscal_year BIGINT NOT NULL,            -- BE
  until_year  BIGINT,                     -- BE, the last year it is in force; NULL: until withdrawn
  unit_id     BIGINT REFERENCES units (id),
  summary     TEXT NOT NULL DEFAULT '',
  roles       TEXT NOT NULL DEFAULT '',  -- space-separated framework roles
  created_by  BIGINT,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE INDEX library_documents_agency ON library_documents (agency_id, fiscal_year, kind);

CREATE TABLE library_files (
  id           INTEGER PRIMARY KEY,
  agency_id    BIGINT NOT NULL,
  document_id  BIGINT NOT NULL REFERENCES library_documents (id),
  sha256       TEXT NOT NULL,
  name         TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         BIGINT NOT NULL
);
CREATE INDEX library_files_document ON library_files (document_id);
