-- The EIT and IIT items' scores as ITAS shows them (hundredths: 7240 is 72.40), pasted by the
-- admin: with the OIT items scored 0, what the next year's plan is proposed from.
CREATE TABLE assessment_survey_item_scores (
  agency_id   BIGINT NOT NULL,
  fiscal_year BIGINT NOT NULL,
  item_code   TEXT NOT NULL,
  hundredths  BIGINT NOT NULL,
  updated_by  BIGINT REFERENCES users (id),
  updated_at  BIGINT NOT NULL,
  PRIMARY KEY (agency_id, fiscal_year, item_code)
);

-- Lost points the admin chose not to take into the next year's plan, with the reason. A
-- proposal is worked out from the scores each time; it is in the plan once the plan has an
-- issue for its item.
CREATE TABLE assessment_loss_drops (
  agency_id   BIGINT NOT NULL,
  plan_year   BIGINT NOT NULL,
  item_code   TEXT NOT NULL,
  reason      TEXT NOT NULL,
  dropped_by  BIGINT REFERENCES users (id),
  dropped_at  BIGINT NOT NULL,
  PRIMARY KEY (agency_id, plan_year, item_code)
);
