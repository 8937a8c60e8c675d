-- E-mail: the outbox every message goes through, what each person was already told, and
-- what each person chose to get. The outbox is written outside the audit log (bookkeeping, as
-- sessions are): it is the log of what was sent, and reminders are made by the system.
CREATE TABLE mail_outbox (
  id               INTEGER PRIMARY KEY,
  agency_id        BIGINT NOT NULL,
  dedupe_key       TEXT NOT NULL UNIQUE,  -- one message per key, however often it is queued
  kind             TEXT NOT NULL,         -- reminder | digest
  to_addr          TEXT NOT NULL,
  subject          TEXT NOT NULL,
  body             TEXT NOT NULL,
  created_at       BIGINT NOT NULL,
  attempts         BIGINT NOT NULL,
  next_attempt_at  BIGINT NOT NULL,
  claimed_until    BIGINT,                -- a node is sending it until then
  sent_at          BIGINT,
  given_up_at      BIGINT,
  last_error       TEXT NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, given_up_at, next_attempt_at);
CREATE INDEX mail_outbox_agency ON mail_outbox (agency_id, created_at);

-- What a person was told about a deadline: "before", "due" or "overdue", once each.
CREATE TABLE reminder_sent (
  agency_id     BIGINT NOT NULL,
  user_id       BIGINT NOT NULL,
  deadline_uid  TEXT NOT NULL,
  kind          TEXT NOT NULL,
  due_day       TEXT NOT NULL,            -- a deadline that moves is told about again
  outbox_id     BIGINT NOT NULL,
  PRIMARY KEY (agency_id, user_id, deadline_uid, kind, due_day)
);

CREATE TABLE mail_preferences (
  agency_id  BIGINT NOT NULL,
  user_id    BIGINT NOT NULL,
  remind_before   BIGINT NOT NULL,  -- N days before
  remind_on_day   BIGINT NOT NULL,  -- on the due day
  remind_overdue  BIGINT NOT NULL,  -- once it is overdue
  weekly_digest   BIGINT NOT NULL,  -- executives: the weekly digest
  PRIMARY KEY (agency_id, user_id)
);

-- N: how many days before a deadline the first reminder goes.
ALTER TABLE reminder_settings ADD COLUMN days_before BIGINT NOT NULL DEFAULT 3;
