package io.sark.migrate.generate;

import io.sark.migrate.postgres.Identifiers;

import io.sark.migrate.engine.HypertableDeclarations;

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

    static String convert(String table, String timeColumn, String chunkInterval) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("time_column", timeColumn);
        if (!chunkInterval.isEmpty()) {
            keys.put("chunk_interval", chunkInterval);
        }
        return HypertableDeclarations.marker(table, keys) + "\n"
                + "DO $$\n"
                + "BEGIN\n"
                + extensionGuard(table + " stays a plain table")
                + "    PERFORM create_hypertable(" + literal(Identifiers.readable(table)) + ", " + literal(timeColumn)
                + (chunkInterval.isEmpty() ? "" : ", chunk_time_interval => INTERVAL " + literal(chunkInterval))
                + ", if_not_exists => TRUE, create_default_indexes => FALSE, migrate_data => TRUE);\n"
                + "    RAISE NOTICE " + literal("sark-migrate: " + table + " is now a TimescaleDB hypertable") + ";\n"
                + "END\n$$";
    }

    static String convertRollback(String table) {
        return "DO $$\nBEGIN\n    RAISE NOTICE " + literal("sark-migrate: " + table + " stays a hypertable: TimescaleDB cannot turn one"
                + " back into a plain table in place") + ";\nEND\n$$";
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
        sql.append("DO $$\nBEGIN\n")
                .append(extensionGuard(after.isEmpty() ? "no compression to remove from " + table : "no compression for " + table))
                .append(hypertableGuard(table));
        if (!fromAfter.isEmpty()) {
            sql.append("    PERFORM remove_compression_policy(").append(literal(Identifiers.readable(table))).append(", if_exists => TRUE);\n");
        }
        if (after.isEmpty()) {
            sql.append("    -- Compression can only be switched off once no chunk is compressed.\n")
                    .append("    PERFORM decompress_chunk(chunk, if_compressed => TRUE) FROM show_chunks(").append(literal(Identifiers.readable(table))).append(") AS chunk;\n")
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
