CREATE TABLE fake_timescaledb_calls (call text NOT NULL);

CREATE FUNCTION create_hypertable(relation regclass, time_column_name name, chunk_time_interval interval DEFAULT NULL,
                                  if_not_exists boolean DEFAULT false, create_default_indexes boolean DEFAULT true,
                                  migrate_data boolean DEFAULT false)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO fake_timescaledb_calls VALUES (format('create_hypertable(%s, %s)', relation, time_column_name))
$$;

-- No table ever becomes a hypertable here, so the retention and compression changesets find none.
CREATE SCHEMA timescaledb_information;
CREATE VIEW timescaledb_information.hypertables AS
    SELECT NULL::name AS hypertable_schema, NULL::name AS hypertable_name, false AS compression_enabled
     WHERE false;
