-- Articles: one row per revision; a changed article at the same URL is a new row that supersedes the old.
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  url TEXT,
  title TEXT,
  published TEXT,
  date_unknown INTEGER NOT NULL DEFAULT 0,
  source TEXT,
  byline TEXT,
  language TEXT NOT NULL DEFAULT 'en',
  format TEXT NOT NULL,
  text TEXT NOT NULL,
  blocks TEXT NOT NULL,
  origin TEXT NOT NULL,
  messages TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  supersedes INTEGER REFERENCES articles(id),
  current INTEGER NOT NULL DEFAULT 1,
  ingested_at TEXT NOT NULL
);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_source ON articles(source);

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;

-- The full analysis of an article (spans of every kind), as the pipeline produced it.
CREATE TABLE analyses (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  pipeline_version TEXT NOT NULL,
  data TEXT NOT NULL
);

CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  iso3 TEXT,
  role TEXT,
  cameo TEXT,
  linked INTEGER NOT NULL
);
CREATE INDEX entities_iso3 ON entities(iso3);

CREATE TABLE mentions (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  entity_id TEXT NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE events (
  id TEXT PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
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
  record TEXT NOT NULL
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date_from, date_to);

CREATE TABLE event_actors (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  side TEXT NOT NULL CHECK (side IN ('source', 'target')),
  entity_id TEXT NOT NULL,
  iso3 TEXT
);
CREATE INDEX event_actors_event ON event_actors(event_id);
CREATE INDEX event_actors_entity ON event_actors(entity_id);
CREATE INDEX event_actors_iso3 ON event_actors(iso3);
