-- replaces: modules/channels 2
-- News (ข่าวประชาสัมพันธ์): posts, drafts or published from a moment on (scheduled), with images
-- and attachments whose bytes are in file_blobs (src/files).
CREATE TABLE news_posts (
  id          INTEGER PRIMARY KEY,
  agency_id   BIGINT NOT NULL,
  category    TEXT NOT NULL,       -- news | announcement | activity | procurement | jobs
  title       TEXT NOT NULL,
  body        TEXT NOT NULL,
  status      TEXT NOT NULL,       -- draft | published
  publish_at  BIGINT NOT NULL,     -- Unix seconds; public once published and publish_at has come
  created_by  BIGINT,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE INDEX news_posts_public ON news_posts (agency_id, status, publish_at);

CREATE TABLE news_files (
  id           INTEGER PRIMARY KEY,
  agency_id    BIGINT NOT NULL,
  post_id      BIGINT NOT NULL REFERENCES news_posts (id),
  image        BIGINT NOT NULL,    -- 1: shown in the post; 0: an attachment to download
  sha256       TEXT NOT NULL,
  name         TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         BIGINT NOT NULL
);
CREATE INDEX news_files_post ON news_files (post_id);
