-- The agency's public website: its look (colour, the public menu's order, a line under its
-- name, emblem and banner picture with their bytes in file_blobs), the mourning period and the
-- NACC's EIT link with its survey window. One row per agency, once the admin saves.
CREATE TABLE website_looks (
  agency_id      BIGINT PRIMARY KEY,
  colour         TEXT NOT NULL DEFAULT '',  -- '#rrggbb'; '' Prongsai's
  sections       TEXT NOT NULL DEFAULT '',  -- the menu's section keys in order, comma-separated
  tagline        TEXT NOT NULL DEFAULT '',
  emblem_sha256  TEXT NOT NULL DEFAULT '',
  emblem_name    TEXT NOT NULL DEFAULT '',
  emblem_type    TEXT NOT NULL DEFAULT '',
  emblem_size    BIGINT NOT NULL DEFAULT 0,
  banner_sha256  TEXT NOT NULL DEFAULT '',
  banner_name    TEXT NOT NULL DEFAULT '',
  banner_type    TEXT NOT NULL DEFAULT '',
  banner_size    BIGINT NOT NULL DEFAULT 0,
  mourning_from  TEXT NOT NULL DEFAULT '',  -- ISO dates (CE), both or neither
  mourning_until TEXT NOT NULL DEFAULT '',
  eit_url        TEXT NOT NULL DEFAULT '',
  eit_from       TEXT NOT NULL DEFAULT '',  -- ISO dates (CE)
  eit_until      TEXT NOT NULL DEFAULT '',
  updated_at     BIGINT NOT NULL
);
