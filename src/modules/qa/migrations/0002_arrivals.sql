-- What was asked since a time, in every agency: the alerts of new work (web::Arrival).
CREATE INDEX qa_questions_asked ON qa_questions (asked_at);
