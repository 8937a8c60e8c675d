-- replaces: modules/channels 3
-- Questions and answers (ถาม-ตอบ). A question gets a receipt code like a complaint (the row
-- keeps its hash); it is public once answered, and approved where the agency asks for that.
CREATE TABLE qa_questions (
  id             INTEGER PRIMARY KEY,
  agency_id      BIGINT NOT NULL,
  receipt_id     TEXT NOT NULL UNIQUE,
  received_via   TEXT NOT NULL,           -- web | phone | letter | walk_in
  asker          TEXT NOT NULL,           -- a name, or '' to ask anonymously
  question       TEXT NOT NULL,
  status         TEXT NOT NULL,           -- waiting | answered | published | declined
  answer         TEXT NOT NULL,
  declined_reason TEXT NOT NULL,
  answered_by    BIGINT,
  asked_at       BIGINT NOT NULL,
  answered_at    BIGINT,
  published_at   BIGINT
);
CREATE INDEX qa_questions_status ON qa_questions (agency_id, status, asked_at);

-- Whether an executive approves each answer before it is public.
CREATE TABLE qa_settings (
  agency_id  BIGINT PRIMARY KEY,
  approval   BIGINT NOT NULL
);
