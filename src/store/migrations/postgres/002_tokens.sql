-- API write tokens: only the SHA-256 hash of each token is kept.
CREATE TABLE tokens (
  id BIGSERIAL PRIMARY KEY,
  name TEXT,
  hash TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
