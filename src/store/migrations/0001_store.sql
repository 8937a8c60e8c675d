-- The store's own tables: the audit log with its hash chain, and instance settings.
CREATE TABLE audit_log (
  id            INTEGER PRIMARY KEY,
  agency_id     BIGINT NOT NULL,
  seq           BIGINT NOT NULL,
  at            BIGINT NOT NULL,
  actor_user_id BIGINT,
  actor         TEXT NOT NULL,
  action        TEXT NOT NULL,
  entity        TEXT NOT NULL,
  entity_id     TEXT NOT NULL,
  before_json   TEXT NOT NULL,
  after_json    TEXT NOT NULL,
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL,
  UNIQUE (agency_id, seq)
);
CREATE INDEX audit_log_entity ON audit_log (agency_id, entity, entity_id);

-- The last entry of each chain, so that deleting the tail of a chain shows.
CREATE TABLE audit_heads (
  agency_id BIGINT PRIMARY KEY,
  seq       BIGINT NOT NULL,
  hash      TEXT NOT NULL
);

-- Installation-wide values the nodes share (the CSRF signing key, ...). Not agency data.
CREATE TABLE instance_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Fixed-window counters for throttling. Keys are HMACs: no address or e-mail in clear.
CREATE TABLE rate_counters (
  key          TEXT PRIMARY KEY,
  window_start BIGINT NOT NULL,
  count        BIGINT NOT NULL
);
