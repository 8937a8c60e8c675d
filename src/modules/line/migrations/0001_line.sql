-- The agency's LINE Official Account (a Messaging API channel): the channel secret checks the
-- webhook's signatures, the channel access token sends. Both are secrets: saved by the admin,
-- never shown again (the audit log says that they changed, not what they are).
CREATE TABLE line_channels (
  agency_id       BIGINT PRIMARY KEY,
  channel_secret  TEXT NOT NULL,
  access_token    TEXT NOT NULL,
  updated_at      BIGINT NOT NULL
);

-- Staff who linked their LINE account (by a one-time code sent to the official account).
CREATE TABLE line_staff (
  agency_id     BIGINT NOT NULL,
  user_id       BIGINT NOT NULL,
  line_user_id  TEXT NOT NULL,
  linked_at     BIGINT NOT NULL,
  PRIMARY KEY (agency_id, user_id)
);
CREATE INDEX line_staff_line_user ON line_staff (agency_id, line_user_id);

-- A link code shown once on a staff member's account page: its SHA-256, valid ten minutes.
CREATE TABLE line_link_codes (
  code_hash   TEXT PRIMARY KEY,
  agency_id   BIGINT NOT NULL,
  user_id     BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL
);

-- A start link the chat gave a citizen (its SHA-256), standing for their LINE user for a day:
-- the forms it leads to may offer to tell them there.
CREATE TABLE line_starts (
  token_hash    TEXT PRIMARY KEY,
  agency_id     BIGINT NOT NULL,
  line_user_id  TEXT NOT NULL,
  expires_at    BIGINT NOT NULL
);

-- The webhook's events already taken, by LINE's event id, kept a day: a replayed call is refused.
CREATE TABLE line_events (
  agency_id   BIGINT NOT NULL,
  event_id    TEXT NOT NULL,
  expires_at  BIGINT NOT NULL,
  PRIMARY KEY (agency_id, event_id)
);
