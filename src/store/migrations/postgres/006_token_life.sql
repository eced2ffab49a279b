-- API tokens can expire and be revoked (eventwire token create --expires, token revoke); a revoked
-- or expired token is kept for `token list` but no longer accepted.
ALTER TABLE tokens ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE tokens ADD COLUMN revoked_at TIMESTAMPTZ;
