-- E-Service requests are cases too (channel 'request'): the service asked for, the unit that
-- holds the request now (forwarding moves it), and the day its target in working days falls
-- on, fixed when it was received (the citizen was told that day).
ALTER TABLE cases ADD COLUMN service_id BIGINT;
ALTER TABLE cases ADD COLUMN unit_id BIGINT;
ALTER TABLE cases ADD COLUMN due_day TEXT NOT NULL DEFAULT '';
ALTER TABLE case_events ADD COLUMN unit_id BIGINT;
CREATE INDEX cases_queue ON cases (agency_id, channel, unit_id, closed_at);
