package io.sark.migrate.changes;

import io.sark.migrate.changes.Fact.Flag;

import java.util.Collection;
import java.util.Locale;

/**
 * How long a statement holds its table lock, by what it does to the table: a moment for a catalog change, or as long
 * as its work on every row takes (a scan, an index build, a rewrite, a copy), which grows with the table. Longest last.
 * In a transaction every lock lasts until it commits: a changeset holds its lock for its longest statement's span (a
 * LOCK TABLE's own is a moment, the rest is the work after it).
 */
public enum LockSpan {
    /** Takes no lock on a table with rows. */
    NONE("no lock to hold"),
    /** The catalog only: a moment, whatever the table's size. */
    MOMENT("a moment (the catalog only, whatever the table's size)"),
    /** Rows written or a setting: as long as the statement runs. */
    STATEMENT("as long as the statement runs"),
    /** A check of every row (a constraint validated, NOT NULL set). */
    SCAN("a scan of every row, which grows with the table"),
    /** An index built over every row. */
    INDEX_BUILD("an index build over every row, which grows with the table"),
    /** Every row written again, and every index rebuilt. */
    REWRITE("a rewrite of every row and index, which grows with the table"),
    /** Every row copied elsewhere (into a hypertable's chunks). */
    COPY("a copy of every row, which grows with the table"),
    /** An ALTER TABLE form not read here: as long as its work takes, which may grow with the table. */
    UNKNOWN("as long as the statement's work takes (this form is not read here; it may grow with the table)");

    private final String words;

    LockSpan(String words) {
        this.words = words;
    }

    /** For the review: "a scan of every row, which grows with the table". */
    public String words() {
        return words;
    }

    /** The longer of two spans. */
    public static LockSpan longer(LockSpan a, LockSpan b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The longest of {@code facts}' spans. */
    public static LockSpan longest(Collection<Fact> facts) {
        LockSpan longest = NONE;
        for (Fact fact : facts) {
            LockSpan span = of(fact);
            longest = span.compareTo(longest) > 0 ? span : longest;
        }
        return longest;
    }

    /** How long {@code fact}'s statement holds its lock on PostgreSQL 11 or later. */
    public static LockSpan of(Fact fact) {
        if (fact.lock() == LockLevel.NONE) {
            return NONE;
        }
        return switch (fact.operation()) {
            case ADD_COLUMN -> fact.column() != null && (fact.column().generated() || volatileDefault(fact.column().defaultValue()))
                    ? REWRITE : MOMENT;
            case ALTER_COLUMN_TYPE -> REWRITE;
            case ALTER_IDENTITY -> MOMENT;
            case SET_NOT_NULL -> SCAN;
            case ADD_CHECK, ADD_FOREIGN_KEY -> fact.has(Flag.NOT_VALID) ? MOMENT : SCAN;
            case VALIDATE_CONSTRAINT -> SCAN;
            case ADD_PRIMARY_KEY, ADD_UNIQUE -> fact.has(Flag.USING_INDEX) ? MOMENT : INDEX_BUILD;
            case CREATE_INDEX, CREATE_INDEX_CONCURRENTLY -> INDEX_BUILD;
            case CONVERT_TO_HYPERTABLE -> fact.has(Flag.COPIES_ROWS) ? COPY : MOMENT;
            case CONVERT_TO_PLAIN_TABLE -> MOMENT;
            case WRITE_ROWS -> STATEMENT;
            case SET_TABLE_OPTION -> MOMENT; // storage and TimescaleDB compression options: the catalog, no rewrite
            case ALTER_TABLE -> UNKNOWN;
            default -> MOMENT;
        };
    }

    private static boolean volatileDefault(String expression) {
        if (expression == null) {
            return false;
        }
        String e = expression.toLowerCase(Locale.ROOT);
        return e.contains("random(") || e.contains("gen_random_uuid(") || e.contains("uuid_generate") || e.contains("clock_timestamp(")
                || e.contains("nextval(");
    }
}
