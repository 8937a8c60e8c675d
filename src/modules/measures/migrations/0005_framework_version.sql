-- The version of the cited year's ITA framework a plan was made with (0: the file carried in
-- the binary; 1, 2, …: versions published later, modules/frameworks). A plan keeps answering
-- the framework it was made with when a correction is published.
ALTER TABLE measure_plans ADD COLUMN framework_version BIGINT NOT NULL DEFAULT 0;
