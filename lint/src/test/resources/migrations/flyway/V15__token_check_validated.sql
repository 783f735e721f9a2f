-- step 2: validated, writes going on
ALTER TABLE users VALIDATE CONSTRAINT users_token_not_null;
