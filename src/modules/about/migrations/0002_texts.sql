-- The pages of text the admin writes, per agency: the authority and duties (อำนาจหน้าที่) with
-- its body, and the laws page, whose row holds only its date (the laws are rows of about_laws).
CREATE TABLE about_texts (
  agency_id  BIGINT NOT NULL,
  page       TEXT NOT NULL,              -- duties | laws
  body       TEXT NOT NULL DEFAULT '',
  changed_at BIGINT NOT NULL,
  PRIMARY KEY (agency_id, page)
);

-- The laws the agency works under (กฎหมายที่เกี่ยวข้อง), each with where to read it.
CREATE TABLE about_laws (
  id         INTEGER PRIMARY KEY,
  agency_id  BIGINT NOT NULL,
  title      TEXT NOT NULL,
  url        TEXT NOT NULL DEFAULT '',  -- http(s); '' none given
  sort       BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL
);
CREATE INDEX about_laws_agency ON about_laws (agency_id, sort);
