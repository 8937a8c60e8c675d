-- Whose choice a password is: 1 when its holder set it (their own change, an enrolment link),
-- 0 when an admin or the installer chose it. A corruption officer's key is made only under a
-- password of their own (cases module), so that no admin ever knows a password that wraps one.
ALTER TABLE users ADD COLUMN password_own BIGINT NOT NULL DEFAULT 0;

-- One-time links to set one's own password: made by an admin for a new account or one whose
-- password is lost, used once, good for seven days. Only the token's SHA-256 is kept.
CREATE TABLE enrolments (
  token_hash TEXT PRIMARY KEY,
  agency_id  BIGINT NOT NULL,
  user_id    BIGINT NOT NULL REFERENCES users (id),
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX enrolments_user ON enrolments (user_id);
