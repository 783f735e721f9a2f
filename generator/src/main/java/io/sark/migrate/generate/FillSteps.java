package io.sark.migrate.generate;

import io.sark.migrate.generate.ChangeSteps.Step;
import io.sark.migrate.schema.ExpandTrigger;
import io.sark.migrate.schema.Identifiers;

import java.util.List;

/**
 * The steps of an expand phase that keeps the running application's writes whole: a trigger that fills a new column
 * of each row the version before writes without it, and a fill of the existing rows in batches that each commit.
 */
final class FillSteps {

    private FillSteps() {
    }

    /** An expand trigger: its function, the trigger (before each insert and update of each row) and its comment. */
    static List<Step> createTrigger(ExpandTrigger t) {
        return List.of(ChangeSteps.block("CREATE OR REPLACE FUNCTION " + ChangeSteps.ident(t.name()) + "() RETURNS trigger LANGUAGE plpgsql AS $sark$" + t.body() + "$sark$"),
                ChangeSteps.sql("CREATE TRIGGER " + ChangeSteps.ident(t.name()) + " BEFORE INSERT OR UPDATE ON " + ChangeSteps.ident(t.table())
                        + " FOR EACH ROW EXECUTE FUNCTION " + ChangeSteps.ident(t.name()) + "()"),
                ChangeSteps.sql("COMMENT ON TRIGGER " + ChangeSteps.ident(t.name()) + " ON " + ChangeSteps.ident(t.table()) + " IS " + ChangeSteps.literal(t.purpose())));
    }

    static List<Step> dropTrigger(ExpandTrigger t) {
        return List.of(ChangeSteps.sql("DROP TRIGGER IF EXISTS " + ChangeSteps.ident(t.name()) + " ON " + ChangeSteps.ident(t.table())),
                ChangeSteps.sql("DROP FUNCTION IF EXISTS " + ChangeSteps.ident(t.name()) + "()"));
    }

    /**
     * The trigger that gives {@code column} of each row written without it (an insert or update by the application
     * version that does not know the column) the value of {@code expression}, computed from the row's other columns as
     * an UPDATE of the table computes it.
     */
    static ExpandTrigger fillTrigger(String table, String column, String expression) {
        String body = String.join("\n",
                "",
                "#variable_conflict use_column",
                "BEGIN",
                "    IF NEW." + ChangeSteps.ident(column) + " IS NULL THEN",
                "        SELECT (" + expression + ") INTO NEW." + ChangeSteps.ident(column) + " FROM (SELECT NEW.*) AS " + ChangeSteps.ident(table) + ";",
                "    END IF;",
                "    RETURN NEW;",
                "END",
                "");
        return new ExpandTrigger(Identifiers.truncate(ExpandTrigger.PREFIX + "fill_" + table + "_" + column), table, body,
                "sark-migrate: fills " + table + "." + column + " with " + expression + " on each row written without it,"
                        + " for the application version that does not know the column; dropped by the contract phase");
    }

    /** Pages of the table one batch of a fill covers: about 1.6 MB, a fraction of a second of row locks. */
    static final int FILL_BATCH_PAGES = 200;

    /** The pause between two batches of a fill, for the application's writes. */
    static final int FILL_PAUSE_MS = 10;

    /** How a fill's progress starts in its session's application_name ({@code io.sark.migrate.engine.lock.FillProgress} reads it). */
    static final String PROGRESS_PREFIX = "sark-fill ";

    /**
     * A fill in batches that each commit, so no row stays locked for longer than its batch, and the work done survives
     * a failure or Ctrl-C: run again, it skips the rows filled ({@code IS NULL}). The batches are ranges of the table's
     * pages (PostgreSQL 14+ reads a ctid range directly), so any table is batched, whatever its key, with a short pause
     * between them for the application's writes. A table with children (partitioned, or a TimescaleDB hypertable) is
     * filled by one statement. Runs outside a transaction (the block commits); says at the end how many rows it filled.
     */
    static String batchedFill(String table, String column, String expression) {
        String relation = ChangeSteps.literal(ChangeSteps.ident(table)) + "::regclass";
        String set = "UPDATE " + ChangeSteps.ident(table) + " SET " + ChangeSteps.ident(column) + " = " + expression;
        String nulls = ChangeSteps.ident(column) + " IS NULL";
        String name = (table + "." + column).replace("'", "''");
        return String.join("\n",
                "-- sark-migrate: fill " + table + "." + column + " in batches of " + FILL_BATCH_PAGES + " pages, each committed"
                        + " (upgrade --fill-batch-pages, --fill-pause-ms)",
                "DO $sark$",
                "DECLARE",
                "    batch_pages bigint := coalesce(nullif(current_setting('sark.fill_batch_pages', true), '')::bigint, " + FILL_BATCH_PAGES + ");",
                "    pause double precision := coalesce(nullif(current_setting('sark.fill_pause_ms', true), '')::double precision, "
                        + FILL_PAUSE_MS + ") / 1000;",
                "    app text := current_setting('application_name');",
                "    page bigint := 0;",
                "    pages bigint;",
                "    filled bigint := 0;",
                "    n bigint;",
                "    started timestamptz := clock_timestamp();",
                "BEGIN",
                "    IF EXISTS (SELECT 1 FROM pg_inherits WHERE inhparent = " + relation + ") THEN",
                "        " + set + " WHERE " + nulls + ";",
                "        GET DIAGNOSTICS filled = ROW_COUNT;",
                "    ELSE",
                "        LOOP",
                "            pages := pg_relation_size(" + relation + ") / current_setting('block_size')::bigint;",
                "            EXIT WHEN page >= pages;",
                "            " + set + " WHERE ctid >= format('(%s,0)', page)::tid AND ctid < format('(%s,0)', page + batch_pages)::tid AND " + nulls + ";",
                "            GET DIAGNOSTICS n = ROW_COUNT;",
                "            filled := filled + n;",
                "            page := page + batch_pages;",
                "            -- progress, for the migration's watch to read: pages done of the table's, rows, seconds",
                "            PERFORM set_config('application_name', format('" + PROGRESS_PREFIX + "%s/%s %s %s %s', least(page, pages), pages, filled,",
                "                extract(epoch FROM clock_timestamp() - started)::bigint, left('" + name + "', 30)), false);",
                "            COMMIT;",
                "            PERFORM pg_sleep(pause);",
                "        END LOOP;",
                "        PERFORM set_config('application_name', app, false);",
                "    END IF;",
                "    RAISE NOTICE 'sark-migrate: filled % row(s) of " + name + " in % s', filled, round(extract(epoch FROM clock_timestamp() - started)::numeric, 1);",
                "END",
                "$sark$");
    }
}
