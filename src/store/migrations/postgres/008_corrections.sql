-- An analyst's review: confirmations, rejections and corrections of a report or a merged event.
-- Kept apart from the analysis so that they survive re-analysis and `merge --rebuild`: each row
-- names its event and an anchor to find it again (src/review/corrections.ts).
CREATE TABLE corrections (
  id BIGSERIAL PRIMARY KEY,
  -- 'report' (a per-article event, ARTICLE-eN) or 'merged' (mXX)
  kind TEXT NOT NULL,
  target TEXT COLLATE "C" NOT NULL,
  -- 'status' (confirmed / rejected), 'type', 'source', 'target', 'date', 'place'
  field TEXT NOT NULL,
  -- the new value as JSON (text, parsed by the application like SQLite's)
  value TEXT NOT NULL,
  -- reports: the article's URL (or content hash) and the evidence; merged: its reports' ids
  doc TEXT,
  anchor TEXT NOT NULL,
  who TEXT,
  note TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX corrections_target ON corrections(target, id);
CREATE INDEX corrections_doc ON corrections(doc);

-- The review status in force (null: unreviewed), for filters and the review queue.
ALTER TABLE events ADD COLUMN review TEXT;
ALTER TABLE merged_events ADD COLUMN review TEXT;
