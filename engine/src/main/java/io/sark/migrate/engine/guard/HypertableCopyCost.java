package io.sark.migrate.engine.guard;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.engine.changelog.ChangeSetFacts;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.postgres.catalog.TimescaleCatalog;
import io.sark.migrate.schema.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What copying a table into a hypertable beside it (an upgrade) or a hypertable back into a plain table (a downgrade)
 * will cost, said before it starts. Going back: switching compression off
 * decompresses its compressed chunks (one per transaction: writes to that chunk wait while it is decompressed), and
 * making it a plain table again copies every row into a table beside it in batches that commit (writes go on; only
 * the swap at the end takes the table's lock, briefly). Read from TimescaleDB's own views and functions.
 */
public final class HypertableCopyCost {

    /**
     * Rows per second copied into a hypertable beside the table, or back into a plain table, on TimescaleDB 2.28.3
     * (PostgreSQL 15, 2 cores, two writers running, batches of 200 pages): 2,000,000 rows (382 MB) in 59 s and in 40 s
     * (BENCHMARKS.md, Hypertables).
     */
    static final long INTO_HYPERTABLE_ROWS_PER_SECOND = 33_000;
    static final long COPY_ROWS_PER_SECOND = 50_000;

    /** Bytes (as decompressed) per second TimescaleDB 2.28.3 decompressed: 52 chunks, 191 MB, in 3.7 s. */
    static final long DECOMPRESS_BYTES_PER_SECOND = 50L * 1024 * 1024;

    private HypertableCopyCost() {
    }

    /** What one changeset costs, given the hypertables there are now: lines to add. */
    private interface Lines {
        void add(ChangeSetFacts changeSet, Map<String, String> hypertables, List<String> lines) throws SQLException;
    }

    /** Runs {@code lines} for each changeset where TimescaleDB is installed, reading only; {@code what} names the table for an error. */
    private static List<String> read(List<ChangeSetFacts> changeSets, Connection connection, String what, Lines lines) {
        List<String> said = new ArrayList<>();
        try {
            if (!TimescaleCatalog.installed(connection)) {
                return said;
            }
            Map<String, String> hypertables = TimescaleCatalog.timeColumns(connection);
            for (ChangeSetFacts changeSet : changeSets) {
                lines.add(changeSet, hypertables, said);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not read the size of " + what + ": " + e.getMessage(), e);
        }
        return said;
    }

    /** The lines to print before applying {@code pending}: each conversion that copies a table with rows beside it. */
    static List<String> ofUpgrade(List<ChangeSetFacts> pending, Connection connection) {
        return read(pending, connection, "a table to be made a hypertable", (changeSet, hypertables, lines) -> {
            for (Fact fact : changeSet.changes()) {
                if (fact.operation() == Operation.CONVERT_TO_HYPERTABLE && fact.has(Fact.Flag.COPIES_BESIDE) && fact.table() != null
                        && !hypertables.containsKey(fact.table())) {
                    ConversionCost.Cost cost = ConversionCost.cost(connection, changeSet.id(), fact.table());
                    if (cost != null) {
                        lines.add("sark-migrate: " + changeSet.id() + " makes a hypertable of " + fact.table() + " by copying "
                                + (cost.estimated() ? "about " : "its ") + String.format(Locale.ROOT, "%,d", cost.rows()) + " rows ("
                                + ConversionCost.size(cost.bytes()) + ") into a new hypertable beside it, in batches that commit while"
                                + " writes go on, then swapping the two under a brief lock; about "
                                + seconds(cost.rows(), INTO_HYPERTABLE_ROWS_PER_SECOND) + " s at the rate measured on TimescaleDB 2.28.3."
                                + " Stopped part-way, the upgrade resumes where it was.");
                    }
                }
            }
        });
    }

    /** The lines to print before rolling back {@code rolledBack} (latest first) on {@code connection}; none where nothing is costly. */
    public static List<String> of(List<ChangeSetFacts> rolledBack, Connection connection) {
        return read(rolledBack, connection, "a hypertable to be rolled back", (changeSet, hypertables, lines) -> {
            List<Fact> facts = changeSet.rollback();
            // Compression removed and not added again: switched off, which TimescaleDB allows only once every chunk is decompressed.
            boolean decompresses = facts.stream().noneMatch(f -> f.operation() == Operation.TIMESCALE_POLICY && "add_compression_policy".equals(f.name()));
            for (Fact fact : facts) {
                if (fact.table() == null || !hypertables.containsKey(fact.table())) {
                    continue;
                }
                String line = fact.operation() == Operation.CONVERT_TO_PLAIN_TABLE ? copy(connection, changeSet.id(), fact.table())
                        : decompresses && fact.operation() == Operation.TIMESCALE_POLICY && "remove_compression_policy".equals(fact.name())
                        ? decompress(connection, changeSet.id(), fact.table()) : null;
                if (line != null) {
                    lines.add(line);
                }
            }
        });
    }

    private static String decompress(Connection connection, String changeSet, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*), coalesce(sum(before_compression_total_bytes), 0),"
                + " coalesce(sum(after_compression_total_bytes), 0) FROM chunk_compression_stats(?::regclass) WHERE compression_status = 'Compressed'")) {
            ps.setString(1, Identifiers.quote(table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long chunks = rs.getLong(1);
                if (chunks == 0) {
                    return null;
                }
                long decompressed = rs.getLong(2);
                return "sark-migrate: " + changeSet + "'s rollback decompresses " + chunks + (chunks == 1 ? " chunk" : " chunks") + " of "
                        + table + " (" + ConversionCost.size(rs.getLong(3)) + " compressed, about " + ConversionCost.size(decompressed)
                        + " decompressed), one per transaction: writes to a chunk wait while it is decompressed; about "
                        + seconds(decompressed, DECOMPRESS_BYTES_PER_SECOND) + " s in all at the rate measured on TimescaleDB 2.28.3";
            }
        }
    }

    private static String copy(Connection connection, String changeSet, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT approximate_row_count(?::regclass), hypertable_size(?::regclass)")) {
            ps.setString(1, Identifiers.quote(table));
            ps.setString(2, Identifiers.quote(table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long estimate = rs.getLong(1);
                long rows = estimate > 0 ? estimate : ConversionCost.count(connection, table); // 0: never analysed
                return "sark-migrate: " + changeSet + "'s rollback copies " + String.format(Locale.ROOT, estimate > 0 ? "about %,d" : "its %,d", rows)
                        + " rows of " + table + " (" + ConversionCost.size(rs.getLong(2)) + ") back into a plain table beside it, in batches"
                        + " that commit while writes go on, then swaps the two under a brief lock; about " + seconds(rows, COPY_ROWS_PER_SECOND)
                        + " s at the rate measured on TimescaleDB 2.28.3. Stopped part-way, the downgrade resumes where it was.";
            }
        }
    }

    private static long seconds(long amount, long perSecond) {
        return Math.max(1, Math.round((double) amount / perSecond));
    }
}
