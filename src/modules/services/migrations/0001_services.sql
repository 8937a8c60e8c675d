-- The agency's service catalogue (E-Service): each service's names, responsible unit, target
-- in working days, whether the citizen must give contact details, the documents it asks for
-- (one per line) and its request form (services/form.hpp, as JSON). Published services are
-- listed at /services.
CREATE TABLE services (
  id               INTEGER PRIMARY KEY,
  agency_id        BIGINT NOT NULL,
  template         TEXT NOT NULL,
  name_th          TEXT NOT NULL,
  name_en          TEXT NOT NULL,
  unit_id          BIGINT,
  target_days      BIGINT NOT NULL,
  contact_required BIGINT NOT NULL,
  documents        TEXT NOT NULL,
  form             TEXT NOT NULL,
  published        BIGINT NOT NULL,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL,
  UNIQUE (agency_id, name_th)
);
