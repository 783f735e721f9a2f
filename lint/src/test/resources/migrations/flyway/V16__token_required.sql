-- step 3: NOT NULL, proven by the validated check: no scan
SET lock_timeout = '5s';
ALTER TABLE users ALTER COLUMN token SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_token_not_null;
