-- The loop into next year's plan: the items a year's surveys scored under the agency's target
-- are proposed as issues of the next fiscal year's O42 plan. A proposal is worked out from the
-- scores each time it is shown (and is "in the plan" once the plan has an issue for its item);
-- what is stored is the agency's target and the proposals the admin dropped, with the reason.
CREATE TABLE survey_settings (
  agency_id        BIGINT PRIMARY KEY,
  proposal_target  BIGINT NOT NULL       -- an item scoring under it is proposed; 85 when unset
);

CREATE TABLE survey_proposal_drops (
  agency_id   BIGINT NOT NULL,
  plan_year   BIGINT NOT NULL,           -- the fiscal year of the plan it was proposed for
  item_code   TEXT NOT NULL,
  reason      TEXT NOT NULL,
  dropped_by  TEXT NOT NULL,             -- the admin's name as it was
  dropped_at  BIGINT NOT NULL,
  PRIMARY KEY (agency_id, plan_year, item_code)
);
