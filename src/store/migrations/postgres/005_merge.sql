-- PostgreSQL dialect of migrations/sqlite/005_merge.sql: the same tables, columns and indexes.

ALTER TABLE articles ADD COLUMN story_id BIGINT;
ALTER TABLE articles ADD COLUMN minhash TEXT;
CREATE INDEX articles_story ON articles(story_id);

CREATE TABLE story_bands (
  band BIGINT NOT NULL,
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (band, article_id)
);

CREATE TABLE article_copies (
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  source TEXT,
  published TEXT COLLATE "C",
  seen_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (article_id, url)
);

ALTER TABLE events ADD COLUMN canonical_id TEXT COLLATE "C";
CREATE INDEX events_canonical ON events(canonical_id, article_id);

CREATE TABLE merged_events (
  id TEXT COLLATE "C" PRIMARY KEY,
  type TEXT NOT NULL,
  mode TEXT,
  modality TEXT NOT NULL,
  historical BOOLEAN NOT NULL,
  date_from TEXT COLLATE "C",
  date_to TEXT COLLATE "C",
  place_name TEXT COLLATE "C",
  lat DOUBLE PRECISION,
  lon DOUBLE PRECISION,
  place_iso3 TEXT,
  confidence DOUBLE PRECISION NOT NULL,
  reports INTEGER NOT NULL,
  articles INTEGER NOT NULL,
  stories INTEGER NOT NULL,
  outlets INTEGER NOT NULL,
  match TEXT NOT NULL,
  record JSONB NOT NULL
);
CREATE INDEX merged_date_id ON merged_events(date_from, id);
CREATE INDEX merged_date_desc_id ON merged_events(date_from DESC, id);

CREATE TABLE merge_keys (
  key TEXT COLLATE "C" NOT NULL,
  date_from TEXT COLLATE "C" NOT NULL,
  -- no foreign key: the keys are written and removed with their merged event, by key
  merged_id TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (key, date_from, merged_id)
);

CREATE TABLE merge_splits (
  report TEXT COLLATE "C" NOT NULL,
  other TEXT COLLATE "C" NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (report, other)
);
