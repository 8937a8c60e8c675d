-- Two-step sign-in (TOTP, RFC 6238): the secret an authenticator app shares with Prongsai, the
-- one being set up until a first code proves the app has it, and the last step used (a code
-- is good once). Required for admins and corruption officers unless the agency is a demo.
ALTER TABLE users ADD COLUMN totp_secret BLOB;
ALTER TABLE users ADD COLUMN totp_pending BLOB;
ALTER TABLE users ADD COLUMN totp_step BIGINT NOT NULL DEFAULT 0;
ALTER TABLE agencies ADD COLUMN second_factor_optional BIGINT NOT NULL DEFAULT 0;

-- A session opens in two steps: after the password it waits (verified 0) for the code, for a
-- few minutes, and resolves to nobody until then.
ALTER TABLE sessions ADD COLUMN verified BIGINT NOT NULL DEFAULT 1;

-- One-time recovery codes for a lost phone: their SHA-256 only, each deleted when used.
CREATE TABLE second_factor_codes (
  agency_id BIGINT NOT NULL,
  user_id   BIGINT NOT NULL REFERENCES users (id),
  code_hash TEXT NOT NULL,
  PRIMARY KEY (user_id, code_hash)
);
