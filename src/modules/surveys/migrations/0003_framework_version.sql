-- The version of the year's ITA framework a survey was made with (0: the file carried in the
-- binary): its questions and its scores stay those of that version when a correction is
-- published.
ALTER TABLE surveys ADD COLUMN framework_version BIGINT NOT NULL DEFAULT 0;
