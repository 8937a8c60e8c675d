-- Surveys (แบบสำรวจ): EIT and IIT questionnaires built from a framework year, and the agency's
-- own service-satisfaction survey with the admin's questions. Each has a public address
-- (/s/{token}, a random token so that a staff survey's link is not guessed), the days it is
-- open and the number of answers it aims for.
CREATE TABLE surveys (
  id          INTEGER PRIMARY KEY,
  agency_id   BIGINT NOT NULL,
  token       TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL,          -- eit | iit | satisfaction
  year        BIGINT NOT NULL,        -- the fiscal year (BE) whose framework it follows
  title       TEXT NOT NULL,
  questions   TEXT NOT NULL,          -- satisfaction: the admin's questions, one per line
  opens_on    TEXT NOT NULL,          -- ISO days, inclusive
  closes_on   TEXT NOT NULL,
  target      BIGINT NOT NULL,        -- the sample size aimed for
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE INDEX surveys_agency ON surveys (agency_id, year);

-- The answers: {line key: scale value}. Nothing else: no time of day (only the day, so a
-- staff member's answers cannot be matched to their login times), no address, no browser,
-- no account.
CREATE TABLE survey_responses (
  id         INTEGER PRIMARY KEY,
  agency_id  BIGINT NOT NULL,
  survey_id  BIGINT NOT NULL REFERENCES surveys (id),
  day        TEXT NOT NULL,
  answers    TEXT NOT NULL
);
CREATE INDEX survey_responses_survey ON survey_responses (survey_id);
