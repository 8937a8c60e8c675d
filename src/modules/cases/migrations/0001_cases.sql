-- Cases: what a citizen submits and follows with a receipt code (complaints now; online
-- requests later), its status history and the messages both ways. A sealed case (the
-- corruption channel) keeps its content, reasons and messages encrypted under its own key
-- (sealing.hpp); nothing in these tables names the citizen's address or browser.
CREATE TABLE cases (
  id           INTEGER PRIMARY KEY,
  agency_id    BIGINT NOT NULL,
  channel      TEXT NOT NULL,          -- complaint | corruption
  received_via TEXT NOT NULL,          -- web | phone | letter | walk_in
  receipt_id   TEXT NOT NULL UNIQUE,   -- receipt_id(code): finds the case; the code is not kept
  status       TEXT NOT NULL,          -- received | reviewing | forwarded | resolved | rejected
  topic        TEXT NOT NULL DEFAULT '', -- general complaints: complaint | suggestion | praise
  sealed       BIGINT NOT NULL,
  content      BLOB NOT NULL,          -- JSON; sealed: encrypted under the case key
  citizen_key  BLOB,                   -- sealed: the case key under receipt_key(code)
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL,
  closed_at    BIGINT
);
CREATE INDEX cases_inbox ON cases (agency_id, channel, status);

CREATE TABLE case_events (
  id         INTEGER PRIMARY KEY,
  agency_id  BIGINT NOT NULL,
  case_id    BIGINT NOT NULL REFERENCES cases (id),
  status     TEXT NOT NULL,
  note       BLOB NOT NULL,            -- the reason or note the citizen sees; sealed cases: encrypted
  by_user    BIGINT,
  at         BIGINT NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id);

CREATE TABLE case_messages (
  id         INTEGER PRIMARY KEY,
  agency_id  BIGINT NOT NULL,
  case_id    BIGINT NOT NULL REFERENCES cases (id),
  author     TEXT NOT NULL,            -- citizen | officer
  body       BLOB NOT NULL,            -- sealed cases: encrypted
  by_user    BIGINT,
  at         BIGINT NOT NULL
);
CREATE INDEX case_messages_case ON case_messages (case_id);

-- Corruption officers' key pairs: the private key under a key from the officer's password.
CREATE TABLE officer_keys (
  user_id        BIGINT PRIMARY KEY REFERENCES users (id),
  agency_id      BIGINT NOT NULL,
  public_key     BLOB NOT NULL,
  wrapped_secret BLOB NOT NULL,
  salt           BLOB NOT NULL,
  created_at     BIGINT NOT NULL
);

-- A sealed case's key, sealed to each officer who may read it.
CREATE TABLE case_keys (
  case_id    BIGINT NOT NULL REFERENCES cases (id),
  user_id    BIGINT NOT NULL REFERENCES users (id),
  agency_id  BIGINT NOT NULL,
  sealed_key BLOB NOT NULL,
  PRIMARY KEY (case_id, user_id)
);

-- An unlocked officer's private key for one session, under a key from the session token.
CREATE TABLE officer_session_keys (
  session_id     BIGINT PRIMARY KEY,
  user_id        BIGINT NOT NULL REFERENCES users (id),
  agency_id      BIGINT NOT NULL,
  wrapped_secret BLOB NOT NULL,
  created_at     BIGINT NOT NULL
);
