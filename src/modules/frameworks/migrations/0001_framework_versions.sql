-- The ITA frameworks an administrator of the installation published after the files carried in
-- the binary (data/ita/<year>.json are version 0 of their year). Installation-wide: every agency
-- of a host is assessed by the same framework. A version is never changed once published: a
-- correction is the next version, and scores and plans name the version they were made with.
CREATE TABLE framework_versions (
  id            INTEGER PRIMARY KEY,
  year          BIGINT NOT NULL,        -- the assessment year (BE)
  version       BIGINT NOT NULL,        -- 1, 2, … within the year
  status        TEXT NOT NULL,          -- published (drafts come with the workshop's editor)
  document      TEXT NOT NULL,          -- the framework file, format prongsai-ita-framework/1
  note          TEXT NOT NULL,          -- what changed, in the publisher's words
  created_by    TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  published_at  BIGINT,
  UNIQUE (year, version)
);
