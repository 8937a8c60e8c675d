-- The agency's own words on its notices, per agency: what it adds to the privacy notice Prongsai
-- makes (the data controller's contact, its data protection officer), and its website and
-- security policies when it replaces Prongsai's. changed_at: the last save, the notices' date.
CREATE TABLE website_texts (
  agency_id  BIGINT NOT NULL,
  page       TEXT NOT NULL,              -- privacy | website_policy | security_policy
  body       TEXT NOT NULL DEFAULT '',
  changed_at BIGINT NOT NULL,
  PRIMARY KEY (agency_id, page)
);
