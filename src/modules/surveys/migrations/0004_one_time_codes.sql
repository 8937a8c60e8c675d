-- One-time codes for a survey (the staff IIT survey, as an option): handed out on paper, each
-- takes one answer. Only a hash of each code is kept, and whether it was used: nothing ties a
-- code to the answer it let in, or to a time.
ALTER TABLE surveys ADD COLUMN codes_required BIGINT NOT NULL DEFAULT 0;
CREATE TABLE survey_codes (
  agency_id BIGINT NOT NULL,
  survey_id BIGINT NOT NULL REFERENCES surveys (id),
  code_hash TEXT NOT NULL,
  used      BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (survey_id, code_hash)
);
