-- An outside custodian of the corruption channel (for example the provincial NACC office): the
-- admin registers its public key, made offline (`prongsai custodian keygen`); its private key
-- never reaches Prongsai. It holds nothing until a confirmed key holder confirms it (having
-- checked its fingerprint with the custodian): then every case key is also sealed to it, so
-- that losing every officer does not lose the cases. One per agency.
CREATE TABLE custodians (
  agency_id     BIGINT PRIMARY KEY,
  name          TEXT NOT NULL,
  public_key    BLOB NOT NULL,
  registered_by BIGINT NOT NULL,
  registered_at BIGINT NOT NULL,
  confirmed_by  BIGINT,
  confirmed_at  BIGINT
);

-- A sealed case's key, sealed to the agency's custodian (crypto_box_seal): only the
-- custodian's private key, offline, opens it.
CREATE TABLE custodian_case_keys (
  case_id    BIGINT PRIMARY KEY REFERENCES cases (id),
  agency_id  BIGINT NOT NULL,
  sealed_key BLOB NOT NULL
);
CREATE INDEX custodian_case_keys_agency ON custodian_case_keys (agency_id);

-- A grant made through the custodian (an officer imported its answer): named as such.
ALTER TABLE key_grants ADD COLUMN via_custodian BIGINT NOT NULL DEFAULT 0;
