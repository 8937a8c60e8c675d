-- Key holders are chosen by officers: a new officer's key receives no case key until an
-- officer who holds one confirms them (or, for the channel's first key, by itself). Keys made
-- before this rule were already receiving case keys: they count as confirmed by their holder.
ALTER TABLE officer_keys ADD COLUMN confirmed_by BIGINT;
ALTER TABLE officer_keys ADD COLUMN confirmed_at BIGINT;
UPDATE officer_keys SET confirmed_by = user_id, confirmed_at = created_at;

-- Every grant of the channel, kept when the holder leaves: who gave whom access, when, and to
-- how many cases. Names and content are not here (the users table names them).
CREATE TABLE key_grants (
  id         INTEGER PRIMARY KEY,
  agency_id  BIGINT NOT NULL,
  user_id    BIGINT NOT NULL,
  granted_by BIGINT NOT NULL,
  at         BIGINT NOT NULL,
  cases      BIGINT NOT NULL
);
CREATE INDEX key_grants_agency ON key_grants (agency_id, at);

-- Each officer's private key also wrapped under a recovery code (shown once, to print): after
-- a password is lost and set again through a link, the code opens the same key, so nothing is
-- lost and no one else holds a way in. Keys made before have none until their holder makes one.
ALTER TABLE officer_keys ADD COLUMN recovery_wrapped BLOB;
ALTER TABLE officer_keys ADD COLUMN recovery_salt BLOB;
