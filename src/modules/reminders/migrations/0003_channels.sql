-- The outbox sends through any messenger (web/notify.hpp): e-mail, LINE. A citizen's message
-- keeps its address and text only until it is sent or given up.
ALTER TABLE mail_outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'mail';

-- Each person's choices: by which channels they are told, and whether of work that arrives.
ALTER TABLE mail_preferences ADD COLUMN by_mail BIGINT NOT NULL DEFAULT 1;
ALTER TABLE mail_preferences ADD COLUMN by_line BIGINT NOT NULL DEFAULT 1;
ALTER TABLE mail_preferences ADD COLUMN arrivals BIGINT NOT NULL DEFAULT 1;

-- Who was told of which work that arrived (web::Arrival), once each. The day (Thailand time)
-- they were told, not the second, so that a sealed channel's alert times nothing; the hourly
-- sweep removes what is a week old.
CREATE TABLE alert_sent (
  agency_id  BIGINT NOT NULL,
  user_id    BIGINT NOT NULL,
  uid        TEXT NOT NULL,
  day        TEXT NOT NULL,
  PRIMARY KEY (agency_id, user_id, uid)
);
CREATE INDEX alert_sent_day ON alert_sent (day);
