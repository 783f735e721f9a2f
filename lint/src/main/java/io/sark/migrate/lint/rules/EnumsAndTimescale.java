package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import io.sark.migrate.lint.Tables;
import liquibase.change.Change;
import liquibase.change.core.RawSQLChange;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** EN1xx (enum types) and TS1xx (TimescaleDB). */
final class EnumsAndTimescale {

    private EnumsAndTimescale() {
    }

    /** EN101: ALTER TYPE … ADD VALUE inside a transaction. */
    static final class AddValueInTransaction extends Rule {
        AddValueInTransaction() {
            super("EN101", "add-value-in-transaction", Severity.WARNING,
                    "ALTER TYPE … ADD VALUE fails inside a transaction before PostgreSQL 12, and after it the value is unusable until commit.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            boolean adds = context.sql().stream().anyMatch(sql -> sql.matches("(?s).*alter type\\s+\\S+\\s+add value.*"));
            return adds && context.inTransaction()
                    ? List.of("adds an enum value inside a transaction: put it in a changeset of its own with runInTransaction: false.")
                    : List.of();
        }
    }

    /** EN102: removing an enum value by editing the catalog. */
    static final class EnumValueRemoval extends Rule {
        EnumValueRemoval() {
            super("EN102", "enum-value-removal", Severity.ERROR,
                    "PostgreSQL cannot remove an enum value; deleting from pg_enum corrupts rows that use it.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            return context.sql().stream().filter(sql -> sql.contains("delete from pg_enum") || sql.matches("(?s).*alter type\\s+\\S+\\s+drop value.*"))
                    .map(sql -> "removes an enum value in place: create a new type without it, ALTER the columns to it"
                            + " (USING column::text::new_type after remapping the value), drop the old type, rename the new one.")
                    .toList();
        }
    }

    /** TS101: create_hypertable on a table whose key leaves out the time column. */
    static final class HypertableKeyWithoutTime extends Rule {
        HypertableKeyWithoutTime() {
            super("TS101", "hypertable-key-without-time", Severity.ERROR,
                    "TimescaleDB refuses a hypertable whose primary key or unique index leaves out the time column.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            List<String> messages = new ArrayList<>();
            for (String sql : context.sql()) {
                // A conversion that checks the keys itself at run time (and skips with a notice) is safe as written.
                if (sql.contains("indisunique")) {
                    continue;
                }
                Matcher m = Pattern.compile("create_hypertable\\(\\s*'([a-z_][a-z0-9_.]*)'\\s*,\\s*'([a-z_][a-z0-9_]*)'").matcher(sql);
                while (m.find()) {
                    List<String> key = context.primaryKeys().get(m.group(1));
                    if (key != null && !key.contains(m.group(2))) {
                        messages.add("makes " + m.group(1) + " a hypertable on " + m.group(2) + ", but its primary key (" + String.join(", ", key)
                                + ") leaves it out: make the key (" + String.join(", ", key) + ", " + m.group(2) + ") first.");
                    }
                }
            }
            return messages;
        }
    }

    /** TS102: a schema change on a compressed hypertable. */
    static final class ChangeOnCompressedHypertable extends Rule {
        ChangeOnCompressedHypertable() {
            super("TS102", "change-on-compressed-hypertable", Severity.WARNING,
                    "Many schema changes fail on a hypertable with compressed chunks, or must decompress them first.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            List<String> messages = new ArrayList<>();
            for (Change change : context.changes()) {
                if (change instanceof RawSQLChange raw && raw.getSql() != null && raw.getSql().contains("timescaledb")) {
                    continue;
                }
                for (String table : Tables.touchedBy(change)) {
                    if (context.compressedTables().contains(table)) {
                        messages.add("changes compressed hypertable " + table + ": check that TimescaleDB allows this change on"
                                + " compressed chunks, or decompress them first (and recompress after).");
                    }
                }
            }
            return messages;
        }
    }
}
