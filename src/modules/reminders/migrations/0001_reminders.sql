-- Deadlines and reminders. The calendar itself is worked out from the other modules' rows each
-- time (plan reports, OIT evidence, open cases, waiting questions, surveys); what is stored is
-- the agency's targets for what has no target of its own, and the secret feed addresses.
CREATE TABLE reminder_settings (
  agency_id       BIGINT PRIMARY KEY,
  complaint_days  BIGINT NOT NULL,   -- a complaint is answered within this many working days
  question_days   BIGINT NOT NULL    -- a question is answered within this many working days
);

-- iCal feeds (RFC 5545) a calendar application subscribes to by a secret address. Only the
-- SHA-256 of the secret is kept: the address is shown once, when it is made. A revoked feed
-- answers 404, as an address that never existed.
CREATE TABLE calendar_feeds (
  id          INTEGER PRIMARY KEY,
  agency_id   BIGINT NOT NULL,
  user_id     BIGINT NOT NULL,       -- who made it; a user feed is this user's calendar
  scope       TEXT NOT NULL,         -- agency | unit | user
  unit_id     BIGINT,                -- scope unit
  token_hash  TEXT NOT NULL UNIQUE,
  label       TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  revoked_at  BIGINT
);
CREATE INDEX calendar_feeds_user ON calendar_feeds (agency_id, user_id);
