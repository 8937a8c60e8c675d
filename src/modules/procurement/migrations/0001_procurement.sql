-- The procurement register: each purchase of an agency's fiscal year, its bidders and its
-- contracts. Amounts are in satang (1 baht = 100); dates are ISO (CE) text, NULL for none.
CREATE TABLE procurement_projects (
  id               INTEGER PRIMARY KEY,
  agency_id        BIGINT NOT NULL,
  fiscal_year      BIGINT NOT NULL,   -- BE
  egp_number       TEXT NOT NULL,     -- เลขที่โครงการ e-GP; '' for a purchase without one
  name             TEXT NOT NULL,
  method           TEXT NOT NULL,     -- specific | e_bidding | e_market | selection | other
  method_text      TEXT NOT NULL,     -- the method as e-GP names it ('' when typed in)
  budget           BIGINT,            -- วงเงินงบประมาณ
  budget_source    TEXT NOT NULL,
  reference_price  BIGINT,            -- ราคากลาง
  vendor           TEXT NOT NULL,     -- ผู้ได้รับการคัดเลือก
  agreed_price     BIGINT,            -- ราคาที่ตกลงซื้อหรือจ้าง
  reason           TEXT NOT NULL,     -- เหตุผลที่คัดเลือกโดยสังเขป
  announced_on     TEXT,
  delivered_on     TEXT,
  status           TEXT NOT NULL,     -- planned | announced | contracted | delivered | cancelled
  unit_id          BIGINT,
  source           TEXT NOT NULL,     -- manual | egp
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL
);
CREATE INDEX procurement_projects_year ON procurement_projects (agency_id, fiscal_year);
CREATE UNIQUE INDEX procurement_projects_egp ON procurement_projects (agency_id, egp_number) WHERE egp_number <> '';

CREATE TABLE procurement_bids (
  id          INTEGER PRIMARY KEY,
  agency_id   BIGINT NOT NULL,
  project_id  BIGINT NOT NULL REFERENCES procurement_projects (id),
  ordinal     BIGINT NOT NULL,
  bidder      TEXT NOT NULL,
  price       BIGINT
);
CREATE INDEX procurement_bids_project ON procurement_bids (project_id);

CREATE TABLE procurement_contracts (
  id          INTEGER PRIMARY KEY,
  agency_id   BIGINT NOT NULL,
  project_id  BIGINT NOT NULL REFERENCES procurement_projects (id),
  ordinal     BIGINT NOT NULL,
  number      TEXT NOT NULL,
  vendor      TEXT NOT NULL,
  price       BIGINT,
  signed_on   TEXT,
  finish_on   TEXT
);
CREATE INDEX procurement_contracts_project ON procurement_contracts (project_id);

-- A file uploaded for import while the officer reviews what it would change: read again when
-- they confirm, removed then or by the hourly sweep a day later.
CREATE TABLE procurement_uploads (
  id           INTEGER PRIMARY KEY,
  agency_id    BIGINT NOT NULL,
  fiscal_year  BIGINT NOT NULL,
  created_by   BIGINT NOT NULL,
  created_at   BIGINT NOT NULL,
  name         TEXT NOT NULL,
  data         TEXT NOT NULL
);
