-- the safe NOT NULL, step 1: a check added NOT VALID (no scan)
SET lock_timeout = '5s';
ALTER TABLE users ADD CONSTRAINT users_token_not_null CHECK (token IS NOT NULL) NOT VALID;
