-- the safe form: concurrently, retry-safe, with a lock timeout
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_created_at_idx ON users (created_at);
