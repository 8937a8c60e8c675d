-- Reports sent back since a time, in every agency: the alerts of new work (web::Arrival).
CREATE INDEX measure_progress_reviewed ON measure_progress (reviewed_at);
