-- What came in since a time, in every agency: the alerts of new work (web::Arrival).
CREATE INDEX cases_created ON cases (created_at);
