package io.sark.migrate.generate;

import io.sark.migrate.changes.SqlFacts;
import io.sark.migrate.engine.changelog.HypertableDeclarations;
import io.sark.migrate.schema.Identifiers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SQL of TimescaleDB steps: each a DO block that checks for the extension first (and for the hypertable, where
 * one is needed) and otherwise says, in a notice, what it skipped and why; so the same changelog runs on plain
 * PostgreSQL. Each step's first line records what it declares, for {@link HypertableDeclarations}.
 */
final class TimescaleSql {

    private TimescaleSql() {
    }

    /**
     * Makes {@code table} a hypertable partitioned by {@code timeColumn}. An empty table is converted in place, under a
     * brief SHARE lock that holds off writes while it is found empty; a table with rows is copied into a new hypertable
     * beside it while the application writes, and the two swapped ({@link #copyAndSwap}): TimescaleDB's own
     * {@code migrate_data} holds ACCESS EXCLUSIVE for the whole copy (13 s for 200,000 rows on 2.28.3).
     */
    static String convert(String table, String timeColumn, String chunkInterval) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("time_column", timeColumn);
        if (!chunkInterval.isEmpty()) {
            keys.put("chunk_interval", chunkInterval);
        }
        String interval = chunkInterval.isEmpty() ? "" : ", chunk_time_interval => INTERVAL " + literal(chunkInterval);
        String empty = """
                    PERFORM set_config('lock_timeout', @LOCK_TIMEOUT@, true);
                    -- SHARE UPDATE EXCLUSIVE first: it waits out an autovacuum of the table while writes go on, so that
                    -- the writes do not queue behind a SHARE request queued behind the vacuum.
                    LOCK TABLE @READABLE@ IN SHARE UPDATE EXCLUSIVE MODE;
                    LOCK TABLE @READABLE@ IN SHARE MODE;
                    IF NOT EXISTS (SELECT 1 FROM @READABLE@) THEN
                        PERFORM create_hypertable(@TABLE@, @TIME@@INTERVAL@, if_not_exists => TRUE, create_default_indexes => FALSE);
                        RAISE NOTICE 'sark-migrate: @RAW@ is now a TimescaleDB hypertable';
                        RETURN;
                    END IF;
                    COMMIT;
                """.replace("@INTERVAL@", interval).replace("@TIME@", literal(timeColumn));
        String create = "        EXECUTE format('SELECT create_hypertable(%L, %L" + interval.replace("'", "''")
                + ", create_default_indexes => FALSE)', quote_ident(target), " + literal(timeColumn) + ");\n";
        return copyAndSwap(table, HypertableDeclarations.marker(table, keys) + "\n" + SqlFacts.COPY_BESIDE_MARKER,
                extensionGuard(table + " stays a plain table")
                        + "    IF EXISTS (SELECT 1 FROM timescaledb_information.hypertables\n"
                        + "                WHERE hypertable_schema = current_schema() AND hypertable_name = " + literal(table) + ") THEN\n"
                        + "        RAISE NOTICE " + literal("sark-migrate: " + table + " is a hypertable already") + ";\n"
                        + "        RETURN;\n"
                        + "    END IF;\n"
                        + empty,
                "sark_hypertable_", "", create, "a hypertable");
    }

    /**
     * Turns hypertable {@code table} back into a plain table with every row, as the rollback of its conversion
     * (TimescaleDB has no way to do it in place): TimescaleDB's policies removed, compressed chunks decompressed one at
     * a time, each committed, then {@link #copyAndSwap}.
     */
    static String toPlainTable(String table) {
        String decompress = """
                    -- TimescaleDB's policies go; compressed chunks are decompressed one at a time, each committed.
                    PERFORM remove_retention_policy(source, if_exists => TRUE);
                    PERFORM remove_compression_policy(source, if_exists => TRUE);
                    COMMIT;
                    FOR chunk IN SELECT format('%I.%I', chunk_schema, chunk_name)::regclass FROM timescaledb_information.chunks
                                  WHERE hypertable_schema = current_schema() AND hypertable_name = @RAW_LITERAL@ AND is_compressed ORDER BY range_start LOOP
                        PERFORM decompress_chunk(chunk, if_compressed => TRUE);
                        COMMIT;
                        RAISE NOTICE 'sark-migrate: decompressed % in % s', chunk, round(extract(epoch FROM clock_timestamp() - started)::numeric, 1);
                    END LOOP;
                """;
        return copyAndSwap(table, SqlFacts.PLAIN_TABLE_MARKER + table + ": copied back from the hypertable",
                (extensionGuard(table + " is a plain table already") + hypertableGuard(table)), "sark_plain_", decompress, "", "a plain table");
    }

    /**
     * The rows of {@code table} into a new table beside it, and the two swapped, while the application writes. Run
     * outside a transaction ({@code runInTransaction: false}):
     * <ol>
     * <li>{@code guards}, then refused before anything changes where the table has no primary key (the copy cannot be
     * kept in step), is referenced by a foreign key or a view, or has row-level security; then {@code prepare};</li>
     * <li>the new table, {@code <prefix><table>}: the columns with their defaults, identities, checks, comments and
     * storage, every index and key under a name of its own, the foreign keys, {@code create} (making it a hypertable),
     * and a trigger on the table that writes each row inserted, updated or deleted there into it (committed together);</li>
     * <li>the rows copied relation by relation (the table, or each of a hypertable's chunks), in batches of pages, each
     * committed; each batch holds its rows with FOR KEY SHARE, so a concurrent delete or update waits for the batch and
     * the trigger then brings the copy in step;</li>
     * <li>in one short transaction, retried while the lock is not had within its lock_timeout: the table's own
     * triggers, grants, owner and comment given to the copy, its sequences handed over, the table dropped, the copy
     * renamed to it and its indexes and keys to their names.</li>
     * </ol>
     * A run stopped part-way resumes: the copy and its trigger stay, rows already copied are skipped.
     */
    private static String copyAndSwap(String table, String header, String guards, String prefix, String prepare, String create, String becomes) {
        String copy = Identifiers.truncate(prefix + table);
        return (header + " in batches of " + FillSteps.FILL_BATCH_PAGES + " pages, each committed, and swapped in"
                + " (upgrade and downgrade --fill-batch-pages, --fill-pause-ms)\n"
                + """
                DO $sark$
                DECLARE
                    source regclass;
                    target text := @COPY@;
                    sync text := @SYNC@;
                    batch_pages bigint := coalesce(nullif(current_setting('sark.fill_batch_pages', true), '')::bigint, @BATCH@);
                    pause double precision := coalesce(nullif(current_setting('sark.fill_pause_ms', true), '')::double precision, @PAUSE@) / 1000;
                    app text := current_setting('application_name');
                    started timestamptz := clock_timestamp();
                    keys text;
                    columns text;
                    news text;
                    olds text;
                    blocker text;
                    upsert text;
                    chunk regclass;
                    r record;
                    page bigint;
                    relation_pages bigint;
                    done_pages bigint := 0;
                    pages bigint;
                    copied bigint := 0;
                    n bigint;
                    names text[];
                    temporary text[];
                    swapped boolean := false;
                    locked timestamptz;
                BEGIN
                @GUARDS@
                    source := @TABLE@::regclass;
                    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord) INTO keys
                      FROM pg_index i CROSS JOIN unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                     WHERE i.indrelid = source AND i.indisprimary;
                    IF keys IS NULL THEN
                        RAISE EXCEPTION 'sark-migrate: % has no primary key: its rows cannot be copied into @BECOMES@ while it is written. Nothing was changed.', source;
                    END IF;
                    SELECT string_agg(format('%s (%s)', c.conrelid::regclass, c.conname), ', ') INTO blocker
                      FROM pg_constraint c WHERE c.confrelid = source AND c.conrelid <> source AND c.contype = 'f';
                    IF blocker IS NULL THEN
                        SELECT string_agg(DISTINCT v.ev_class::regclass::text, ', ') INTO blocker
                          FROM pg_depend d JOIN pg_rewrite v ON v.oid = d.objid
                         WHERE d.refobjid = source AND d.classid = 'pg_rewrite'::regclass AND v.ev_class <> source;
                    END IF;
                    IF blocker IS NOT NULL THEN
                        RAISE EXCEPTION 'sark-migrate: % cannot be made @BECOMES@ while % depends on it: drop that first (and create it again after). Nothing was changed.', source, blocker;
                    END IF;
                    IF (SELECT relrowsecurity FROM pg_class WHERE oid = source) THEN
                        RAISE EXCEPTION 'sark-migrate: % has row-level security, which sark-migrate does not copy: make it @BECOMES@ by hand. Nothing was changed.', source;
                    END IF;
                    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum), string_agg('NEW.' || quote_ident(attname), ', ' ORDER BY attnum)
                      INTO columns, news
                      FROM pg_attribute WHERE attrelid = source AND attnum > 0 AND NOT attisdropped AND attgenerated = '';
                    SELECT string_agg('OLD.' || k, ', ' ORDER BY ord) INTO olds FROM unnest(string_to_array(keys, ', ')) WITH ORDINALITY AS u(k, ord);
                @PREPARE@
                    -- The copy beside it, kept in step by a trigger from here on (a run that stopped part-way made it already).
                    IF to_regclass(quote_ident(target)) IS NULL THEN
                        EXECUTE format('CREATE TABLE %I (LIKE %s INCLUDING ALL EXCLUDING INDEXES)', target, source);
                        FOR r IN SELECT c.relname, pg_get_indexdef(i.indexrelid) AS def, k.contype, k.condeferrable, k.condeferred
                                   FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                                   LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = source AND k.contype IN ('p', 'u', 'x')
                                  WHERE i.indrelid = source ORDER BY c.relname LOOP
                            IF r.contype = 'x' THEN
                                RAISE EXCEPTION 'sark-migrate: % has an exclusion constraint, which sark-migrate does not copy: make it @BECOMES@ by hand.', source;
                            END IF;
                            EXECUTE format('CREATE %sINDEX %I ON %I', CASE WHEN r.def LIKE 'CREATE UNIQUE %' THEN 'UNIQUE ' ELSE '' END, left(target, 54) || '_' || left(md5(r.relname), 8), target)
                                || substr(r.def, position(' USING ' IN r.def));
                            IF r.contype IS NOT NULL THEN
                                EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s USING INDEX %I%s', target, left(target, 54) || '_' || left(md5(r.relname), 8),
                                    CASE r.contype WHEN 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END, left(target, 54) || '_' || left(md5(r.relname), 8),
                                    CASE WHEN r.condeferred THEN ' DEFERRABLE INITIALLY DEFERRED' WHEN r.condeferrable THEN ' DEFERRABLE' ELSE '' END);
                            END IF;
                        END LOOP;
                        FOR r IN SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = source AND contype = 'f' LOOP
                            EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s', target, r.conname, r.def);
                        END LOOP;
                @CREATE@
                        -- A row written again replaces the copy's (its key columns are the same by the conflict).
                        SELECT CASE WHEN count(*) = 0 THEN 'DO NOTHING' ELSE format('DO UPDATE SET (%s) = ROW(%s)', string_agg(c, ', '),
                                    string_agg('EXCLUDED.' || c, ', ')) END INTO upsert
                          FROM unnest(string_to_array(columns, ', ')) AS c WHERE c <> ALL (string_to_array(keys, ', '));
                        EXECUTE format('CREATE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN'
                            || ' IF TG_OP <> ''INSERT'' THEN DELETE FROM %I WHERE (%s) = (%s); END IF;'
                            || ' IF TG_OP <> ''DELETE'' THEN INSERT INTO %I (%s) OVERRIDING SYSTEM VALUE VALUES (%s) ON CONFLICT (%s) %s; END IF;'
                            || ' RETURN NULL; END $f$', sync, target, keys, olds, target, columns, news, keys, upsert);
                        PERFORM set_config('lock_timeout', @LOCK_TIMEOUT@, true);
                        EXECUTE format('LOCK TABLE %s IN SHARE UPDATE EXCLUSIVE MODE', source); -- an autovacuum waited out, writes going on
                        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION %I()', sync, source, sync);
                        COMMIT;
                    END IF;

                    -- The rows, relation by relation (the table, or each chunk of a hypertable), a batch of pages at a time, each committed.
                    SELECT coalesce(sum(pg_relation_size(c) / current_setting('block_size')::bigint), 0) INTO pages
                      FROM (SELECT source AS c WHERE NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhparent = source)
                            UNION ALL SELECT inhrelid FROM pg_inherits WHERE inhparent = source) AS relations;
                    FOR chunk IN SELECT source WHERE NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhparent = source)
                                 UNION ALL SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = source LOOP
                        relation_pages := pg_relation_size(chunk) / current_setting('block_size')::bigint;
                        page := 0;
                        WHILE page < relation_pages LOOP
                            EXECUTE format('INSERT INTO %I (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM ONLY %s WHERE ctid >= %L::tid AND ctid < %L::tid FOR KEY SHARE'
                                || ' ON CONFLICT DO NOTHING', target, columns, columns, chunk, format('(%s,0)', page), format('(%s,0)', page + batch_pages));
                            GET DIAGNOSTICS n = ROW_COUNT;
                            copied := copied + n;
                            done_pages := done_pages + least(batch_pages, relation_pages - page);
                            page := page + batch_pages;
                            PERFORM set_config('application_name', format('@PROGRESS@%s/%s %s %s %s', least(done_pages, pages), pages, copied,
                                extract(epoch FROM clock_timestamp() - started)::bigint, left(@RAW_LITERAL@ || ' (into @BECOMES@)', 60)), false);
                            COMMIT;
                            PERFORM pg_sleep(pause);
                        END LOOP;
                    END LOOP;
                    PERFORM set_config('application_name', app, false);

                    -- The swap, in one short transaction.
                    SELECT array_agg(c.relname ORDER BY c.relname) INTO names FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = source;
                    FOR attempt IN 1..@ATTEMPTS@ LOOP
                        BEGIN
                            PERFORM set_config('lock_timeout', @LOCK_TIMEOUT@, true);
                            -- Autovacuums of either table (and the copy's chunks) waited out first, writes going on.
                            EXECUTE format('LOCK TABLE %s, %I IN SHARE UPDATE EXCLUSIVE MODE', source, target);
                            EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', source);
                            locked := clock_timestamp();
                            FOR r IN SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger
                                      WHERE tgrelid = source AND NOT tgisinternal AND tgname <> sync AND tgname NOT LIKE 'ts\\_%' LOOP
                                EXECUTE regexp_replace(r.def, ' ON \\S+ ', format(' ON %I ', target));
                            END LOOP;
                            FOR r IN SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END AS grantee, a.privilege_type, a.is_grantable
                                       FROM pg_class c CROSS JOIN aclexplode(c.relacl) AS a WHERE c.oid = source LOOP
                                EXECUTE format('GRANT %s ON %I TO %s%s', r.privilege_type, target, r.grantee, CASE WHEN r.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
                            END LOOP;
                            IF (SELECT relowner FROM pg_class WHERE oid = source) <> (SELECT relowner FROM pg_class WHERE oid = quote_ident(target)::regclass) THEN
                                EXECUTE format('ALTER TABLE %I OWNER TO %I', target, (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = source));
                            END IF;
                            IF obj_description(source, 'pg_class') IS NOT NULL THEN
                                EXECUTE format('COMMENT ON TABLE %I IS %L', target, obj_description(source, 'pg_class'));
                            END IF;
                            temporary := ARRAY[]::text[];
                            FOR r IN SELECT a.attname, a.attidentity, pg_get_serial_sequence(source::text, a.attname) AS old_sequence,
                                            pg_get_serial_sequence(quote_ident(target), a.attname) AS new_sequence
                                       FROM pg_attribute a WHERE a.attrelid = source AND a.attnum > 0 AND NOT a.attisdropped LOOP
                                CONTINUE WHEN r.old_sequence IS NULL;
                                IF r.attidentity <> '' THEN
                                    EXECUTE format('SELECT setval(%L, last_value, is_called) FROM %s', r.new_sequence, r.old_sequence);
                                    temporary := temporary || ARRAY[r.new_sequence, r.old_sequence];
                                ELSE
                                    EXECUTE format('ALTER SEQUENCE %s OWNED BY %I.%I', r.old_sequence, target, r.attname);
                                END IF;
                            END LOOP;
                            EXECUTE format('DROP TABLE %s', source);
                            EXECUTE format('ALTER TABLE %I RENAME TO %I', target, @RAW_LITERAL@);
                            FOR i IN 1..coalesce(array_length(temporary, 1), 0) BY 2 LOOP
                                EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', temporary[i], (parse_ident(temporary[i + 1]))[array_length(parse_ident(temporary[i + 1]), 1)]);
                            END LOOP;
                            FOR i IN 1..coalesce(array_length(names, 1), 0) LOOP
                                IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = @TABLE@::regclass AND conname = left(target, 54) || '_' || left(md5(names[i]), 8)) THEN
                                    EXECUTE format('ALTER TABLE %I RENAME CONSTRAINT %I TO %I', @RAW_LITERAL@, left(target, 54) || '_' || left(md5(names[i]), 8), names[i]);
                                ELSE
                                    EXECUTE format('ALTER INDEX %I RENAME TO %I', left(target, 54) || '_' || left(md5(names[i]), 8), names[i]);
                                END IF;
                            END LOOP;
                            EXECUTE format('DROP FUNCTION %I()', sync);
                            swapped := true;
                        EXCEPTION WHEN lock_not_available THEN
                            RAISE NOTICE 'sark-migrate: % was not had within the lock_timeout (attempt % of @ATTEMPTS@); trying again', source, attempt;
                        END;
                        EXIT WHEN swapped;
                    END LOOP;
                    IF NOT swapped THEN
                        RAISE EXCEPTION 'sark-migrate: % stayed locked by others: its copy % is complete and kept in step; run this again to swap them', source, target;
                    END IF;
                    RAISE NOTICE 'sark-migrate: % is @BECOMES@ now, % row(s) copied in % s; the swap held its lock % s', @RAW_LITERAL@, copied,
                        round(extract(epoch FROM clock_timestamp() - started)::numeric, 1), round(extract(epoch FROM clock_timestamp() - locked)::numeric, 3);
                END
                $sark$""")
                .replace("@GUARDS@", guards.stripTrailing())
                .replace("@PREPARE@", prepare.stripTrailing())
                .replace("@CREATE@", create.stripTrailing())
                .replace("@BECOMES@", becomes)
                .replace("@COPY@", literal(copy))
                .replace("@SYNC@", literal(Identifiers.truncate(copy + "_sync")))
                .replace("@BATCH@", String.valueOf(FillSteps.FILL_BATCH_PAGES))
                .replace("@PAUSE@", String.valueOf(FillSteps.FILL_PAUSE_MS))
                .replace("@READABLE@", Identifiers.readable(table))
                .replace("@TABLE@", literal(Identifiers.readable(table)))
                .replace("@RAW_LITERAL@", literal(table))
                .replace("@RAW@", table.replace("'", "''"))
                .replace("@LOCK_TIMEOUT@", literal(ChangePlanner.LOCK_TIMEOUT))
                .replace("@ATTEMPTS@", "20")
                .replace("@PROGRESS@", FillSteps.PROGRESS_PREFIX);
    }

    static String chunkInterval(String table, String interval, boolean marker) {
        return (marker ? HypertableDeclarations.marker(table, Map.of("chunk_interval", interval)) + "\n" : "")
                + "DO $$\nBEGIN\n"
                + extensionGuard("chunk interval of " + table + " unchanged")
                + hypertableGuard(table)
                + "    PERFORM set_chunk_time_interval(" + literal(Identifiers.readable(table)) + ", " + (interval.isEmpty() ? "INTERVAL '7 days'" : "INTERVAL " + literal(interval)) + ");\n"
                + "END\n$$";
    }

    static String compression(String table, String fromAfter, String segmentBy, String after, boolean marker) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("compress_segment_by", segmentBy);
        keys.put("compress_after", after);
        StringBuilder sql = new StringBuilder(marker ? HypertableDeclarations.marker(table, keys) + "\n" : "");
        sql.append(after.isEmpty() ? "DO $$\nDECLARE\n    chunk regclass;\nBEGIN\n" : "DO $$\nBEGIN\n")
                .append(extensionGuard(after.isEmpty() ? "no compression to remove from " + table : "no compression for " + table))
                .append(hypertableGuard(table));
        if (!fromAfter.isEmpty()) {
            sql.append("    PERFORM remove_compression_policy(").append(literal(Identifiers.readable(table))).append(", if_exists => TRUE);\n");
        }
        if (after.isEmpty()) {
            sql.append("    COMMIT;\n")
                    .append("    -- Compression can only be switched off once no chunk is compressed: they are decompressed one at a time, each committed.\n")
                    .append("    FOR chunk IN SELECT format('%I.%I', chunk_schema, chunk_name)::regclass FROM timescaledb_information.chunks\n")
                    .append("                  WHERE hypertable_schema = current_schema() AND hypertable_name = ").append(literal(table))
                    .append(" AND is_compressed ORDER BY range_start LOOP\n")
                    .append("        PERFORM decompress_chunk(chunk, if_compressed => TRUE);\n")
                    .append("        COMMIT;\n")
                    .append("    END LOOP;\n")
                    .append("    EXECUTE ").append(literal("ALTER TABLE " + Identifiers.readable(table) + " SET (timescaledb.compress = false)")).append(";\n");
        } else {
            String settings = "timescaledb.compress" + (segmentBy.isEmpty() ? "" : ", timescaledb.compress_segmentby = " + literal(segmentBy));
            sql.append("    PERFORM set_config('lock_timeout', '" + ChangePlanner.LOCK_TIMEOUT + "', true);\n");
            sql.append("    EXECUTE ").append(literal("ALTER TABLE " + Identifiers.readable(table) + " SET (" + settings + ")")).append(";\n")
                    .append("    PERFORM add_compression_policy(").append(literal(Identifiers.readable(table))).append(", INTERVAL ").append(literal(after))
                    .append(", if_not_exists => TRUE);\n");
        }
        return sql.append("END\n$$").toString();
    }

    static String retention(String table, String from, String to, boolean marker) {
        StringBuilder sql = new StringBuilder(marker ? HypertableDeclarations.marker(table, Map.of("retention", to)) + "\n" : "");
        sql.append("DO $$\nBEGIN\n")
                .append(extensionGuard(to.isEmpty() ? "no retention policy to remove from " + table : "no retention policy for " + table))
                .append(hypertableGuard(table));
        if (!from.isEmpty()) {
            sql.append("    PERFORM remove_retention_policy(").append(literal(Identifiers.readable(table))).append(", if_exists => TRUE);\n");
        }
        if (!to.isEmpty()) {
            sql.append("    PERFORM add_retention_policy(").append(literal(Identifiers.readable(table))).append(", INTERVAL ").append(literal(to))
                    .append(", if_not_exists => TRUE);\n");
        }
        return sql.append("END\n$$").toString();
    }

    private static String extensionGuard(String skipped) {
        return "    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN\n"
                + "        RAISE NOTICE " + literal("sark-migrate: TimescaleDB is not installed; " + skipped) + ";\n"
                + "        RETURN;\n"
                + "    END IF;\n";
    }

    /** Nested after the extension guard: TimescaleDB's views exist only with the extension. */
    private static String hypertableGuard(String table) {
        return "    IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables\n"
                + "                    WHERE hypertable_schema = current_schema() AND hypertable_name = " + literal(Identifiers.readable(table)) + ") THEN\n"
                + "        RAISE NOTICE " + literal("sark-migrate: " + table + " is not a hypertable; skipped") + ";\n"
                + "        RETURN;\n"
                + "    END IF;\n";
    }

    private static String literal(String text) {
        return Identifiers.literal(text);
    }
}
