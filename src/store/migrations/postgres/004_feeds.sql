-- Watched feeds (eventwire watch): conditional-request validators, health and schedule per feed.
-- Same table as SQLite's 004.
CREATE TABLE feeds (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  last_checked TIMESTAMPTZ,
  last_ok TIMESTAMPTZ,
  last_error TEXT,
  error_count INTEGER NOT NULL DEFAULT 0,
  items_seen INTEGER NOT NULL DEFAULT 0,
  articles_stored INTEGER NOT NULL DEFAULT 0,
  next_check TIMESTAMPTZ
);
