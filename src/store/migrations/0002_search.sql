-- What the public search finds: news, answered questions, published documents. Derived from
-- the modules' own rows, written in the same transactions; `folded` is the title and the text
-- folded for matching (core/search_text.hpp), the two parts joined by a line break, which no
-- folded query contains. On SQLite a full-text table over it (store/sqlite.cpp) answers the
-- queries; PostgreSQL scans `folded` newest first.
CREATE TABLE search_docs (
  id           INTEGER PRIMARY KEY,
  agency_id    BIGINT NOT NULL,
  kind         TEXT NOT NULL,
  ref          TEXT NOT NULL,
  title        TEXT NOT NULL,
  body         TEXT NOT NULL,
  url          TEXT NOT NULL,
  visible_from BIGINT NOT NULL,
  folded       TEXT NOT NULL,
  UNIQUE (agency_id, kind, ref)
);
CREATE INDEX search_docs_newest ON search_docs (agency_id, id);
