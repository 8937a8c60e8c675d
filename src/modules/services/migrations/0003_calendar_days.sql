-- A target counted in calendar days (every day, as the PDPA counts the 30 days a data subject's
-- request may take), not working days.
ALTER TABLE services ADD COLUMN calendar_days BIGINT NOT NULL DEFAULT 0;
