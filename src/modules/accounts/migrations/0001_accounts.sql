-- Agencies, their units, users, roles, unit membership, and sessions.
CREATE TABLE agencies (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name_th     TEXT NOT NULL,
  name_en     TEXT NOT NULL DEFAULT '',
  host        TEXT UNIQUE,              -- the host name it is served at; NULL: the default agency
  is_default  BIGINT NOT NULL DEFAULT 0,
  created_at  BIGINT NOT NULL
);

CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  agency_id   BIGINT NOT NULL REFERENCES agencies (id),
  name_th     TEXT NOT NULL,
  name_en     TEXT NOT NULL DEFAULT '',
  active      BIGINT NOT NULL DEFAULT 1,
  UNIQUE (agency_id, name_th)
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  agency_id     BIGINT NOT NULL REFERENCES agencies (id),
  email         TEXT NOT NULL,           -- lower case; the login name within the agency
  display_name  TEXT NOT NULL,
  position      TEXT NOT NULL DEFAULT '', -- ตำแหน่ง, e.g. นักวิเคราะห์นโยบายและแผน
  password_hash TEXT NOT NULL,           -- argon2id
  active        BIGINT NOT NULL DEFAULT 1,
  created_at    BIGINT NOT NULL,
  UNIQUE (agency_id, email)
);

CREATE TABLE user_roles (
  agency_id BIGINT NOT NULL,
  user_id   BIGINT NOT NULL REFERENCES users (id),
  role      TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);

CREATE TABLE unit_members (
  agency_id BIGINT NOT NULL,
  unit_id   BIGINT NOT NULL REFERENCES units (id),
  user_id   BIGINT NOT NULL REFERENCES users (id),
  PRIMARY KEY (unit_id, user_id)
);

-- Server-side sessions. The cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  agency_id    BIGINT NOT NULL,
  user_id      BIGINT NOT NULL REFERENCES users (id),
  created_at   BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL,
  client       TEXT NOT NULL DEFAULT ''  -- a short browser description for the user's own list
);
CREATE INDEX sessions_user ON sessions (user_id);
