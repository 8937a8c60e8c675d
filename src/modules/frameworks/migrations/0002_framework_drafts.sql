-- The framework workshop's drafts: at most one per assessment year, edited section by section
-- and published as the year's next version (framework_versions). A draft may be invalid while
-- it is worked on; publishing checks it whole.
CREATE TABLE framework_drafts (
  year        BIGINT PRIMARY KEY,   -- the assessment year (BE) it will be published for
  based_on    TEXT NOT NULL,        -- "2569 ฉบับแก้ไขครั้งที่ 1", as shown
  document    TEXT NOT NULL,        -- the framework file, format prongsai-ita-framework/1
  updated_by  TEXT NOT NULL,
  updated_at  BIGINT NOT NULL
);
