package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.SqlFacts;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/**
 * TS102: a change TimescaleDB refuses on a hypertable with compression enabled. Only what it refuses is reported, each
 * with its own remedy, as observed on TimescaleDB 2.28.3 with compressed chunks (shared/reference/timescaledb-observed.md):
 * changing a column's type; dropping a segment-by or order-by column, or a column with an index (2.28 orders or
 * sparse-indexes each compressed chunk by indexed columns); adding a column with a default that is not a constant, or
 * NOT NULL without a default; building or dropping an index CONCURRENTLY. What it allows stays silent: indexes built in
 * a transaction, nullable columns, NOT NULL with a constant default, dropping other columns and indexes, SET/DROP NOT
 * NULL, defaults, checks, renames, foreign keys, enum values. CompressedHypertableRuleTest holds it to the real
 * extension with compressed chunks.
 */
final class ChangeOnCompressedHypertable extends Rule {

    ChangeOnCompressedHypertable() {
        super("TS102", "change-on-compressed-hypertable", Severity.WARNING,
                "TimescaleDB refuses some changes on a hypertable with compression enabled: a column type, dropping a segment-by"
                        + " column or one with an index, a default that is not a constant, NOT NULL without a default, a concurrent index.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            String table = fact.table() != null ? fact.table() : context.tableOfIndex(fact.name());
            if (table == null || !context.compressedTables().contains(table)) {
                return;
            }
            String refusal = refusal(fact, table, context);
            if (refusal != null) {
                out.add(refusal);
            }
        });
    }

    private static String refusal(Fact fact, String table, ChangeSetContext context) {
        return switch (fact.operation()) {
            case ALTER_COLUMN_TYPE -> "changes the type of " + table + "." + fact.name() + ", which TimescaleDB refuses while chunks are"
                    + " compressed (operation not supported on hypertables with compressed chunks): decompress them first"
                    + " (decompress_chunk), or add a new column, copy, and drop the old one.";
            case DROP_COLUMN -> context.compressionColumns(table).contains(fact.name())
                    ? "drops " + table + "." + fact.name() + ", a segment-by or order-by column of its compression, which TimescaleDB"
                    + " refuses: change the compression settings first (after decompressing), then drop it."
                    : context.indexedColumns(table).contains(fact.name())
                    ? "drops " + table + "." + fact.name() + ", a column with an index: TimescaleDB orders or sparse-indexes compressed"
                    + " chunks by such a column, and refuses to drop it while they are compressed (cannot drop orderby or segmentby"
                    + " column from a chunk with columnstore enabled): decompress the chunks first (decompress_chunk), then drop it."
                    : null;
            case ADD_COLUMN -> addColumn(fact);
            case CREATE_INDEX_CONCURRENTLY -> "builds index " + fact.name() + " CONCURRENTLY on hypertable " + table + ", which TimescaleDB"
                    + " does not support: build it in a transaction, or WITH (timescaledb.transaction_per_chunk) outside one.";
            case DROP_INDEX_CONCURRENTLY -> "drops index " + fact.name() + " CONCURRENTLY on hypertable " + table + ", which TimescaleDB"
                    + " refuses (DROP INDEX CONCURRENTLY does not support dropping multiple objects: it is the index of every chunk):"
                    + " drop it in a transaction.";
            default -> null;
        };
    }

    private static String addColumn(Fact fact) {
        if (fact.column() == null) {
            return null;
        }
        String def = fact.column().defaultValue();
        if (def != null && !SqlFacts.functionsCalled(def).isEmpty()) {
            return "adds " + fact.table() + "." + fact.name() + " with the default " + def + ", which is not a constant: TimescaleDB"
                    + " refuses that once compression is enabled. Add it without a default (or with a constant one), then set the"
                    + " default and fill the rows.";
        }
        if (fact.column().notNull() && def == null) {
            return "adds NOT NULL column " + fact.table() + "." + fact.name() + " without a default, which TimescaleDB refuses once"
                    + " compression is enabled: give it a constant default.";
        }
        return null;
    }
}
