-- Each month's summary (แบบ สขร.1) as the agency published it: the PDF, XLSX and CSV made from
-- the register on that day, kept in file_blobs by their SHA-256 so that what the public and
-- the assessor download never changes under them. A correction is a new version of the month
-- with its reason; the latest is the one shown.
CREATE TABLE procurement_months (
  id            INTEGER PRIMARY KEY,
  agency_id     BIGINT NOT NULL,
  fiscal_year   BIGINT NOT NULL,   -- BE
  month         TEXT NOT NULL,     -- the calendar month, CE: '2026-10'
  version       BIGINT NOT NULL,   -- 1, then 2 for the first correction
  projects      BIGINT NOT NULL,   -- purchases in it (0: ไม่มีการจัดซื้อจัดจ้าง)
  agreed        BIGINT NOT NULL,   -- satang agreed, cancelled purchases left out
  content       TEXT NOT NULL,     -- SHA-256 of the table: what changed since is told apart
  pdf_sha256    TEXT NOT NULL,
  pdf_size      BIGINT NOT NULL,
  xlsx_sha256   TEXT NOT NULL,
  xlsx_size     BIGINT NOT NULL,
  csv_sha256    TEXT NOT NULL,
  csv_size      BIGINT NOT NULL,
  note          TEXT NOT NULL,     -- why a correction was published; '' for the first
  published_by  BIGINT NOT NULL,
  published_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX procurement_months_version ON procurement_months (agency_id, month, version);
CREATE INDEX procurement_months_year ON procurement_months (agency_id, fiscal_year);

-- The agency's day of the next month by which a month's summary is due (the calendar's
-- deadline and the พัสดุ unit's reminder); without a row, the 10th.
CREATE TABLE procurement_settings (
  agency_id     BIGINT PRIMARY KEY,
  due_day       BIGINT NOT NULL
);

-- The year's report (รายงานผลการจัดซื้อจัดจ้างประจำปี) as published once the year is over: the
-- officer's analysis, problems and suggestions with the figures of that day, its files kept as
-- published; a correction is the year's next version, with its reason.
CREATE TABLE procurement_years (
  id            INTEGER PRIMARY KEY,
  agency_id     BIGINT NOT NULL,
  fiscal_year   BIGINT NOT NULL,   -- BE
  version       BIGINT NOT NULL,
  analysis      TEXT NOT NULL,
  problems      TEXT NOT NULL,
  suggestions   TEXT NOT NULL,
  projects      BIGINT NOT NULL,   -- purchases not cancelled
  agreed        BIGINT NOT NULL,   -- satang
  content       TEXT NOT NULL,     -- SHA-256 of the figures and the texts
  pdf_sha256    TEXT NOT NULL,
  pdf_size      BIGINT NOT NULL,
  xlsx_sha256   TEXT NOT NULL,
  xlsx_size     BIGINT NOT NULL,
  csv_sha256    TEXT NOT NULL,
  csv_size      BIGINT NOT NULL,
  note          TEXT NOT NULL,
  published_by  BIGINT NOT NULL,
  published_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX procurement_years_version ON procurement_years (agency_id, fiscal_year, version);

-- An upload under review may be a workbook (XLSX): its bytes, as they came. `data` stays for
-- the text files kept before this column was added; new uploads keep it ''.
ALTER TABLE procurement_uploads ADD COLUMN content BLOB;

-- The year's purchase plan (แผนการจัดซื้อจัดจ้าง) as the officer keeps it, a row a line; and
-- each version of it as published, its files kept as published.
CREATE TABLE procurement_plan_lines (
  id              INTEGER PRIMARY KEY,
  agency_id       BIGINT NOT NULL,
  fiscal_year     BIGINT NOT NULL,   -- BE
  ordinal         BIGINT NOT NULL,
  name            TEXT NOT NULL,
  budget          BIGINT,            -- satang
  budget_source   TEXT NOT NULL,
  method          TEXT NOT NULL,     -- as procurement_projects.method
  expected_month  TEXT NOT NULL,     -- the calendar month it is to be bought in, CE: '2026-12'; '' unknown
  unit_id         BIGINT,
  note            TEXT NOT NULL
);
CREATE INDEX procurement_plan_lines_year ON procurement_plan_lines (agency_id, fiscal_year);

CREATE TABLE procurement_plans (
  id            INTEGER PRIMARY KEY,
  agency_id     BIGINT NOT NULL,
  fiscal_year   BIGINT NOT NULL,
  version       BIGINT NOT NULL,
  lines         BIGINT NOT NULL,
  budget        BIGINT NOT NULL,   -- satang, the lines' sum
  content       TEXT NOT NULL,     -- SHA-256 of the plan's table
  pdf_sha256    TEXT NOT NULL,
  pdf_size      BIGINT NOT NULL,
  xlsx_sha256   TEXT NOT NULL,
  xlsx_size     BIGINT NOT NULL,
  csv_sha256    TEXT NOT NULL,
  csv_size      BIGINT NOT NULL,
  note          TEXT NOT NULL,
  published_by  BIGINT NOT NULL,
  published_at  BIGINT NOT NULL
);
CREATE UNIQUE INDEX procurement_plans_version ON procurement_plans (agency_id, fiscal_year, version);
