CREATE TABLE audit (
    id serial PRIMARY KEY,
    code char(4),
    payload json,
    happened_at timestamp NOT NULL
);
