-- Watched feeds (eventwire watch): conditional-request validators, health and schedule per feed.
-- Times are ISO 8601 UTC text.
CREATE TABLE feeds (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  last_checked TEXT,
  last_ok TEXT,
  last_error TEXT,
  error_count INTEGER NOT NULL DEFAULT 0,
  items_seen INTEGER NOT NULL DEFAULT 0,
  articles_stored INTEGER NOT NULL DEFAULT 0,
  next_check TEXT
);
