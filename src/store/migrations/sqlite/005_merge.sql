-- Across articles: stories (near-duplicate groups), copies of one text at other URLs, merged events
-- (one real-world event with all its reports) and the user's split decisions.

-- story_id: the first article of the article's story; minhash: its signature (src/merge/stories.ts).
ALTER TABLE articles ADD COLUMN story_id INTEGER;
ALTER TABLE articles ADD COLUMN minhash TEXT;
CREATE INDEX articles_story ON articles(story_id);

-- One row per band key of each current article's signature: finds the articles worth comparing.
-- (Tables written for every article or report are WITHOUT ROWID: one b-tree to write, not two.)
CREATE TABLE story_bands (
  band INTEGER NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (band, article_id)
) WITHOUT ROWID;

-- The same text seen again at another URL (a site reposting a wire story unchanged): not stored
-- twice, but another outlet for source counting.
CREATE TABLE article_copies (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  source TEXT,
  published TEXT,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (article_id, url)
) WITHOUT ROWID;

-- Each current article's event (a report) belongs to one merged event.
ALTER TABLE events ADD COLUMN canonical_id TEXT;
CREATE INDEX events_canonical ON events(canonical_id, article_id);

-- Columns as in events, for the same filters and pages; record is the summary (src/merge/summary.ts).
-- Its actors are its reports' (event_actors), so filters by actor or country go through them.
CREATE TABLE merged_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  mode TEXT,
  modality TEXT NOT NULL,
  historical INTEGER NOT NULL,
  date_from TEXT,
  date_to TEXT,
  place_name TEXT,
  lat REAL,
  lon REAL,
  place_iso3 TEXT,
  confidence REAL NOT NULL,
  reports INTEGER NOT NULL,
  articles INTEGER NOT NULL,
  stories INTEGER NOT NULL,
  outlets INTEGER NOT NULL,
  -- what deciding a merge reads (type, dates, place, actors), apart from the longer summary
  match TEXT NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX merged_date_id ON merged_events(date_from, id);
CREATE INDEX merged_date_desc_id ON merged_events(date_from DESC, id);

-- Where a merged event can be found by a new report: type and actor key, and its first day.
CREATE TABLE merge_keys (
  key TEXT NOT NULL,
  date_from TEXT NOT NULL,
  -- no foreign key: the keys are written and removed with their merged event, by key
  merged_id TEXT NOT NULL,
  PRIMARY KEY (key, date_from, merged_id)
) WITHOUT ROWID;

-- Pairs of reports a user split apart: they never join one merged event again (both directions stored).
CREATE TABLE merge_splits (
  report TEXT NOT NULL,
  other TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (report, other)
) WITHOUT ROWID;
