BEGIN;
SET LOCAL lock_timeout = '5s';
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
COMMIT;
