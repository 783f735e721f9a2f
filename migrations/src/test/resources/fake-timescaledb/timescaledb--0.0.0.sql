-- sark-migrate's stand-in for TimescaleDB 2.x, for tests. It keeps the rules the real extension keeps for the calls
-- sark-migrate makes, with the real one's messages (as observed on TimescaleDB 2.28.3, shared/reference/
-- timescaledb-observed.md, and as its documentation states):
--   * create_hypertable refuses a table whose primary key or unique indexes leave out the time column ("cannot create
--     a unique index without the column ... (used in partitioning)"), a table with rows unless migrate_data => TRUE,
--     and a table that is one already (a notice and nothing done with if_not_exists => TRUE);
--   * it makes the default time index <table>_<column>_idx on (column DESC) unless create_default_indexes => FALSE;
--   * a hypertable stays one: nothing turns it back into a plain table, and from then on a primary key, unique
--     constraint or unique index on it without the time column is refused with the same error (an event trigger);
--   * a retention policy runs at once when added (the real job started within 0.2 s) and deletes the rows older than
--     drop_after (the real one drops whole chunks entirely older than that, so it deletes at most as many); run_job
--     runs it again;
--   * a compression policy needs compression enabled on the hypertable, and a hypertable has at most one policy of each
--     kind (config {"hypertable_id", "compress_after" | "drop_after"} as the real jobs' config reads);
--   * its functions live in the schema it is created in (public), as the real one's 86 functions and 13 procedures do,
--     and its catalog views are in timescaledb_information.
-- What it cannot imitate: ALTER TABLE ... SET (timescaledb.compress ...), which the real extension takes over with a
-- hook written in C. PostgreSQL refuses the option namespace here ("unrecognized parameter namespace"), so compression
-- is never enabled by a changelog, and a run that reaches that statement stops there; tests put a hypertable in the state
-- it leaves with _timescaledb_catalog.enable_compression(table, segmentby). There are no chunks.

CREATE TABLE fake_timescaledb_calls (call text NOT NULL);

CREATE SCHEMA _timescaledb_catalog;
CREATE TABLE _timescaledb_catalog.hypertable (
    id serial PRIMARY KEY,
    schema_name name NOT NULL,
    table_name name NOT NULL,
    time_column name NOT NULL,
    chunk_interval interval NOT NULL DEFAULT interval '7 days',
    compression_enabled boolean NOT NULL DEFAULT false,
    UNIQUE (schema_name, table_name)
);
CREATE TABLE _timescaledb_catalog.job (
    id serial PRIMARY KEY,
    proc_name name NOT NULL,
    hypertable_id integer NOT NULL REFERENCES _timescaledb_catalog.hypertable ON DELETE CASCADE,
    config jsonb NOT NULL,
    scheduled boolean NOT NULL DEFAULT true
);

-- What ALTER TABLE ... SET (timescaledb.compress, timescaledb.compress_segmentby = ...) records.
CREATE TABLE _timescaledb_catalog.compression_settings (
    hypertable_id integer NOT NULL REFERENCES _timescaledb_catalog.hypertable ON DELETE CASCADE,
    attname name NOT NULL,
    segmentby_column_index integer,
    PRIMARY KEY (hypertable_id, attname)
);

CREATE FUNCTION _timescaledb_catalog.hypertable_of(relation regclass) RETURNS _timescaledb_catalog.hypertable
LANGUAGE sql STABLE AS $$
    SELECT h.* FROM _timescaledb_catalog.hypertable h
      JOIN pg_class c ON c.relname = h.table_name JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = h.schema_name
     WHERE c.oid = relation
$$;

-- The unique indexes of a table that leave out a column.
CREATE FUNCTION _timescaledb_catalog.unique_indexes_without(relation regclass, time_column name) RETURNS SETOF name
LANGUAGE sql STABLE AS $$
    SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = relation AND x.indisunique
       AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = relation AND a.attname = time_column
                                                     AND a.attnum = ANY (x.indkey))
$$;

CREATE FUNCTION _timescaledb_catalog.refuse_unique_without(relation regclass, time_column name) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM _timescaledb_catalog.unique_indexes_without(relation, time_column)) THEN
        RAISE EXCEPTION 'cannot create a unique index without the column "%" (used in partitioning)', time_column
            USING HINT = 'If you''re creating a hypertable on a table with a primary key, ensure the partitioning column is part of the primary or composite key.';
    END IF;
END
$$;

CREATE FUNCTION create_hypertable(relation regclass, time_column_name name, partitioning_column name DEFAULT NULL,
                                  number_partitions integer DEFAULT NULL, associated_schema_name name DEFAULT NULL,
                                  associated_table_prefix name DEFAULT NULL, chunk_time_interval interval DEFAULT NULL,
                                  create_default_indexes boolean DEFAULT true, if_not_exists boolean DEFAULT false,
                                  partitioning_func regproc DEFAULT NULL, migrate_data boolean DEFAULT false)
RETURNS TABLE (hypertable_id integer, schema_name name, table_name name, created boolean)
LANGUAGE plpgsql AS $$
DECLARE
    rel_schema name;
    rel_name name;
    existing _timescaledb_catalog.hypertable;
    has_rows boolean;
    new_id integer;
BEGIN
    SELECT n.nspname, c.relname INTO rel_schema, rel_name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = relation;
    existing := _timescaledb_catalog.hypertable_of(relation);
    IF existing.id IS NOT NULL THEN
        IF if_not_exists THEN
            RAISE NOTICE 'table "%" is already a hypertable, skipping', rel_name;
            RETURN QUERY SELECT existing.id, rel_schema, rel_name, false;
            RETURN;
        END IF;
        RAISE EXCEPTION 'table "%" is already a hypertable', rel_name;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = relation AND attname = time_column_name AND NOT attisdropped) THEN
        RAISE EXCEPTION 'column "%" does not exist', time_column_name;
    END IF;
    PERFORM _timescaledb_catalog.refuse_unique_without(relation, time_column_name);
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s)', relation) INTO has_rows;
    IF has_rows AND NOT migrate_data THEN
        RAISE EXCEPTION 'table "%" is not empty', rel_name
            USING HINT = 'You can migrate data by specifying ''migrate_data => true'' when calling this function.';
    END IF;
    INSERT INTO _timescaledb_catalog.hypertable (schema_name, table_name, time_column, chunk_interval)
         VALUES (rel_schema, rel_name, time_column_name, coalesce(chunk_time_interval, interval '7 days'))
      RETURNING id INTO new_id;
    IF create_default_indexes AND NOT EXISTS (
            SELECT 1 FROM pg_index x JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
             WHERE x.indrelid = relation AND a.attname = time_column_name) THEN
        EXECUTE format('CREATE INDEX %I ON %I.%I (%I DESC)', rel_name || '_' || time_column_name || '_idx', rel_schema, rel_name,
                       time_column_name);
    END IF;
    -- The time column is NOT NULL on a hypertable.
    EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN %I SET NOT NULL', rel_schema, rel_name, time_column_name);
    INSERT INTO fake_timescaledb_calls VALUES (format('create_hypertable(%s, %s)', rel_name, time_column_name));
    RETURN QUERY SELECT new_id, rel_schema, rel_name, true;
END
$$;

-- A hypertable stays one; keys and unique indexes added to it later must include its time column.
CREATE FUNCTION _timescaledb_catalog.enforce_partitioning_column() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE
    h record;
BEGIN
    FOR h IN SELECT c.oid AS relation, t.time_column FROM _timescaledb_catalog.hypertable t
               JOIN pg_namespace n ON n.nspname = t.schema_name JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = t.table_name
    LOOP
        PERFORM _timescaledb_catalog.refuse_unique_without(h.relation, h.time_column);
    END LOOP;
END
$$;
CREATE EVENT TRIGGER timescaledb_enforce_partitioning_column ON ddl_command_end
    WHEN TAG IN ('ALTER TABLE', 'CREATE INDEX') EXECUTE FUNCTION _timescaledb_catalog.enforce_partitioning_column();

-- A dropped table is no longer a hypertable.
CREATE FUNCTION _timescaledb_catalog.forget_dropped() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM _timescaledb_catalog.hypertable h USING pg_event_trigger_dropped_objects() d
     WHERE d.object_type = 'table' AND d.schema_name = h.schema_name AND d.object_name = h.table_name;
END
$$;
CREATE EVENT TRIGGER timescaledb_forget_dropped ON sql_drop EXECUTE FUNCTION _timescaledb_catalog.forget_dropped();

CREATE FUNCTION _timescaledb_catalog.require_hypertable(relation regclass) RETURNS _timescaledb_catalog.hypertable
LANGUAGE plpgsql AS $$
DECLARE
    h _timescaledb_catalog.hypertable := _timescaledb_catalog.hypertable_of(relation);
BEGIN
    IF h.id IS NULL THEN
        RAISE EXCEPTION 'table "%" is not a hypertable', relation;
    END IF;
    RETURN h;
END
$$;

CREATE FUNCTION add_retention_policy(relation regclass, drop_after interval, schedule_interval interval DEFAULT NULL,
                                     if_not_exists boolean DEFAULT false)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    h _timescaledb_catalog.hypertable := _timescaledb_catalog.hypertable_of(relation);
    job_id integer;
BEGIN
    IF h.id IS NULL THEN
        RAISE EXCEPTION '"%" is not a hypertable or a continuous aggregate', relation;
    END IF;
    SELECT id INTO job_id FROM _timescaledb_catalog.job WHERE hypertable_id = h.id AND proc_name = 'policy_retention';
    IF job_id IS NOT NULL THEN
        IF if_not_exists THEN
            RAISE NOTICE 'retention policy already exists for hypertable "%", skipping', h.table_name;
            RETURN -1;
        END IF;
        RAISE EXCEPTION 'retention policy already exists for hypertable "%"', h.table_name;
    END IF;
    INSERT INTO _timescaledb_catalog.job (proc_name, hypertable_id, config)
         VALUES ('policy_retention', h.id, jsonb_build_object('hypertable_id', h.id, 'drop_after', drop_after::text)) RETURNING id INTO job_id;
    -- The job runs at once.
    EXECUTE format('DELETE FROM %I.%I WHERE %I < now() - %L::interval', h.schema_name, h.table_name, h.time_column, drop_after);
    INSERT INTO fake_timescaledb_calls VALUES (format('add_retention_policy(%s, %s)', h.table_name, drop_after));
    RETURN job_id;
END
$$;

-- Runs a job now, as the real run_job does: a retention job deletes what is older than its window (again).
CREATE PROCEDURE run_job(job_id integer) LANGUAGE plpgsql AS $$
DECLARE
    j _timescaledb_catalog.job;
    h _timescaledb_catalog.hypertable;
BEGIN
    SELECT * INTO j FROM _timescaledb_catalog.job WHERE id = job_id;
    IF j.id IS NULL THEN
        RAISE EXCEPTION 'job % not found', job_id;
    END IF;
    SELECT * INTO h FROM _timescaledb_catalog.hypertable WHERE id = j.hypertable_id;
    IF j.proc_name = 'policy_retention' THEN
        EXECUTE format('DELETE FROM %I.%I WHERE %I < now() - %L::interval', h.schema_name, h.table_name, h.time_column, j.config->>'drop_after');
    END IF;
END
$$;

CREATE FUNCTION remove_retention_policy(relation regclass, if_exists boolean DEFAULT false) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    h _timescaledb_catalog.hypertable := _timescaledb_catalog.require_hypertable(relation);
BEGIN
    DELETE FROM _timescaledb_catalog.job WHERE hypertable_id = h.id AND proc_name = 'policy_retention';
    IF NOT FOUND AND NOT if_exists THEN
        RAISE EXCEPTION 'retention policy not found for hypertable "%"', h.table_name;
    END IF;
END
$$;

-- The stand-in's substitute for ALTER TABLE ... SET (timescaledb.compress, timescaledb.compress_segmentby = ...), which
-- only the real extension's C hook can take: tests call it to put a hypertable in the state that statement leaves.
CREATE FUNCTION _timescaledb_catalog.enable_compression(relation regclass, segmentby name[] DEFAULT '{}') RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    h _timescaledb_catalog.hypertable := _timescaledb_catalog.require_hypertable(relation);
BEGIN
    UPDATE _timescaledb_catalog.hypertable SET compression_enabled = true WHERE id = h.id;
    DELETE FROM _timescaledb_catalog.compression_settings WHERE hypertable_id = h.id;
    INSERT INTO _timescaledb_catalog.compression_settings SELECT h.id, s.name, s.i FROM unnest(segmentby) WITH ORDINALITY AS s(name, i);
END
$$;

CREATE FUNCTION add_compression_policy(hypertable regclass, compress_after interval, schedule_interval interval DEFAULT NULL,
                                       if_not_exists boolean DEFAULT false)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    h _timescaledb_catalog.hypertable := _timescaledb_catalog.require_hypertable(hypertable);
    job_id integer;
BEGIN
    IF NOT h.compression_enabled THEN
        RAISE EXCEPTION 'columnstore not enabled on hypertable "%"', h.table_name
            USING HINT = 'Enable compression before adding a compression policy.';
    END IF;
    SELECT id INTO job_id FROM _timescaledb_catalog.job WHERE hypertable_id = h.id AND proc_name = 'policy_compression';
    IF job_id IS NOT NULL THEN
        IF if_not_exists THEN
            RAISE NOTICE 'compression policy already exists for hypertable "%", skipping', h.table_name;
            RETURN -1;
        END IF;
        RAISE EXCEPTION 'compression policy already exists for hypertable "%"', h.table_name;
    END IF;
    INSERT INTO _timescaledb_catalog.job (proc_name, hypertable_id, config)
         VALUES ('policy_compression', h.id, jsonb_build_object('hypertable_id', h.id, 'compress_after', compress_after::text))
      RETURNING id INTO job_id;
    RETURN job_id;
END
$$;

CREATE FUNCTION remove_compression_policy(hypertable regclass, if_exists boolean DEFAULT false) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    h _timescaledb_catalog.hypertable := _timescaledb_catalog.require_hypertable(hypertable);
BEGIN
    DELETE FROM _timescaledb_catalog.job WHERE hypertable_id = h.id AND proc_name = 'policy_compression';
    RETURN FOUND;
END
$$;

CREATE FUNCTION set_chunk_time_interval(hypertable regclass, chunk_time_interval interval, dimension_name name DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    h _timescaledb_catalog.hypertable := _timescaledb_catalog.require_hypertable(hypertable);
BEGIN
    UPDATE _timescaledb_catalog.hypertable SET chunk_interval = chunk_time_interval WHERE id = h.id;
END
$$;

CREATE FUNCTION show_chunks(relation regclass, older_than interval DEFAULT NULL, newer_than interval DEFAULT NULL)
RETURNS SETOF regclass LANGUAGE sql AS $$ SELECT NULL::regclass WHERE false $$;

CREATE FUNCTION decompress_chunk(uncompressed_chunk regclass, if_compressed boolean DEFAULT false) RETURNS regclass
LANGUAGE sql AS $$ SELECT uncompressed_chunk $$;

CREATE SCHEMA timescaledb_information;
CREATE VIEW timescaledb_information.hypertables AS
    SELECT schema_name AS hypertable_schema, table_name AS hypertable_name, 1 AS num_dimensions, 0::bigint AS num_chunks,
           compression_enabled
      FROM _timescaledb_catalog.hypertable;
CREATE VIEW timescaledb_information.dimensions AS
    SELECT schema_name AS hypertable_schema, table_name AS hypertable_name, 1 AS dimension_number,
           time_column AS column_name, 'Time'::text AS dimension_type, chunk_interval AS time_interval
      FROM _timescaledb_catalog.hypertable;
CREATE VIEW timescaledb_information.compression_settings AS
    SELECT h.schema_name AS hypertable_schema, h.table_name AS hypertable_name, s.attname, s.segmentby_column_index,
           NULL::smallint AS orderby_column_index, NULL::boolean AS orderby_asc, NULL::boolean AS orderby_nullsfirst
      FROM _timescaledb_catalog.compression_settings s JOIN _timescaledb_catalog.hypertable h ON h.id = s.hypertable_id;
CREATE VIEW timescaledb_information.jobs AS
    SELECT j.id AS job_id, j.proc_name, h.schema_name AS hypertable_schema, h.table_name AS hypertable_name, j.config,
           j.scheduled
      FROM _timescaledb_catalog.job j JOIN _timescaledb_catalog.hypertable h ON h.id = j.hypertable_id;
