package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddForeignKeyConstraintChange;
import liquibase.change.core.AddNotNullConstraintChange;
import liquibase.change.core.AddPrimaryKeyChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropIndexChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.RawSQLChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameTableChange;
import io.sark.migrate.lint.Tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** LK1xx: changes that hold locks the running application waits behind. */
final class Locking {

    private Locking() {
    }

    /** LK101: CREATE/DROP INDEX without CONCURRENTLY blocks writes to the table for the whole build. */
    static final class IndexWithoutConcurrently extends Rule {
        IndexWithoutConcurrently() {
            super("LK101", "index-without-concurrently", Severity.ERROR,
                    "CREATE INDEX or DROP INDEX without CONCURRENTLY on an existing table blocks its writes while it runs.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            List<String> messages = forEachChange(context, (change, out) -> {
                if (change instanceof CreateIndexChange index && context.existing(index.getTableName())) {
                    out.add("creates index " + index.getIndexName() + " on existing table " + index.getTableName() + " without CONCURRENTLY:"
                            + " write CREATE INDEX CONCURRENTLY in a changeset of its own with runInTransaction: false.");
                }
                if (change instanceof DropIndexChange index && context.existing(index.getTableName())) {
                    out.add("drops index " + index.getIndexName() + " without CONCURRENTLY: write DROP INDEX CONCURRENTLY, runInTransaction: false.");
                }
            });
            for (String sql : context.sql()) {
                Matcher create = Pattern.compile("create (?:unique )?index(?! concurrently)(?: if not exists)?\\s+(\\S+)\\s+on(?: only)?\\s+([a-z_][a-z0-9_.]*)").matcher(sql);
                while (create.find()) {
                    if (context.existing(create.group(2))) {
                        messages.add("creates index " + create.group(1) + " on existing table " + create.group(2) + " without CONCURRENTLY:"
                                + " write CREATE INDEX CONCURRENTLY in a changeset of its own with runInTransaction: false.");
                    }
                }
                Matcher drop = Pattern.compile("drop index(?! concurrently)(?: if exists)?\\s+([a-z_][a-z0-9_.]*)").matcher(sql);
                while (drop.find()) {
                    messages.add("drops index " + drop.group(1) + " without CONCURRENTLY: write DROP INDEX CONCURRENTLY, runInTransaction: false.");
                }
            }
            return messages;
        }
    }

    /** LK102: CONCURRENTLY cannot run inside a transaction block. */
    static final class ConcurrentlyInTransaction extends Rule {
        ConcurrentlyInTransaction() {
            super("LK102", "concurrently-in-transaction", Severity.ERROR,
                    "CREATE/DROP INDEX CONCURRENTLY fails inside a transaction, and Liquibase runs a changeset in one unless told not to.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            boolean concurrently = context.sql().stream().anyMatch(sql -> sql.matches("(?s).*\\b(create|drop) (unique )?index concurrently\\b.*"));
            return concurrently && context.inTransaction()
                    ? List.of("runs CONCURRENTLY inside a transaction: set runInTransaction: false on this changeset (and keep it alone in it).")
                    : List.of();
        }
    }

    /** LK103: a type change that rewrites the table holds an exclusive lock for the whole rewrite. */
    static final class RewritingTypeChange extends Rule {
        RewritingTypeChange() {
            super("LK103", "rewriting-type-change", Severity.WARNING,
                    "Changing a column's type usually rewrites the table under an ACCESS EXCLUSIVE lock (a longer varchar, or varchar to text, does not).");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            return forEachChange(context, (change, out) -> {
                if (change instanceof ModifyDataTypeChange modify && context.existing(modify.getTableName())) {
                    String before = TypeChanges.previousType(context, modify);
                    if (before == null || TypeChanges.rewrites(before, modify.getNewDataType())) {
                        out.add("changes the type of " + modify.getTableName() + "." + modify.getColumnName() + " to " + modify.getNewDataType()
                                + (before == null ? "" : " from " + before) + ", which rewrites the table under an exclusive lock: on a large"
                                + " table, add a new column, backfill it in batches, and switch.");
                    }
                }
            });
        }
    }

    /** LK104: a volatile default on a new column rewrites the table. */
    static final class VolatileDefault extends Rule {
        private static final Pattern VOLATILE = Pattern.compile("\\b(random|clock_timestamp|timeofday|gen_random_uuid|uuid_generate_v[14]|nextval)\\s*\\(");

        VolatileDefault() {
            super("LK104", "volatile-default", Severity.WARNING,
                    "A new column with a volatile default (random(), clock_timestamp(), gen_random_uuid()…) rewrites the whole table.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            return forEachChange(context, (change, out) -> {
                if (change instanceof AddColumnChange add && context.existing(add.getTableName())) {
                    for (ColumnConfig column : add.getColumns()) {
                        Object value = column.getDefaultValueObject();
                        if (value != null && VOLATILE.matcher(value.toString().toLowerCase(Locale.ROOT)).find()) {
                            out.add("adds " + add.getTableName() + "." + column.getName() + " with the volatile default " + value + ", which"
                                    + " rewrites the table: add it without a default, set the default, then backfill in batches.");
                        }
                    }
                }
            });
        }
    }

    /** LK105: an ACCESS EXCLUSIVE lock requested without lock_timeout queues every query behind it. */
    static final class NoLockTimeout extends Rule {
        private static final Pattern SETS_LOCK_TIMEOUT = Pattern.compile("set\\s+(?:local\\s+|session\\s+)?lock_timeout|set_config\\(\\s*'lock_timeout'");

        NoLockTimeout() {
            super("LK105", "no-lock-timeout", Severity.WARNING,
                    "A statement that takes ACCESS EXCLUSIVE on an existing table, without lock_timeout, queues every query behind it while it waits.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            boolean timeout = false;
            List<String> messages = new ArrayList<>();
            for (Change change : context.changes()) {
                if (change instanceof RawSQLChange raw && raw.getSql() != null) {
                    String sql = raw.getSql().toLowerCase(Locale.ROOT);
                    if (SETS_LOCK_TIMEOUT.matcher(sql).find()) {
                        timeout = true;
                    }
                    if (sql.contains("reset lock_timeout") || sql.contains("reset all")) {
                        timeout = false;
                    }
                }
                String table = strongLockTable(change);
                if (!timeout && table != null && context.existing(table)) {
                    messages.add("takes an ACCESS EXCLUSIVE lock on " + table + " without lock_timeout: start the changeset with"
                            + " SET lock_timeout = '5s' (sql), so it fails and can be retried instead of blocking everyone.");
                    break;
                }
            }
            return messages;
        }

        private static String strongLockTable(Change change) {
            if (change instanceof DropTableChange || change instanceof AddColumnChange || change instanceof DropColumnChange
                    || change instanceof ModifyDataTypeChange || change instanceof RenameColumnChange || change instanceof RenameTableChange
                    || change instanceof AddPrimaryKeyChange || change instanceof DropPrimaryKeyChange
                    || change instanceof AddNotNullConstraintChange || change instanceof AddForeignKeyConstraintChange) {
                return Tables.tableOf(change);
            }
            if (change instanceof RawSQLChange raw && raw.getSql() != null) {
                Matcher m = Pattern.compile("alter table(?: only)?(?: if exists)?\\s+([a-z_][a-z0-9_.]*)").matcher(raw.getSql().toLowerCase(Locale.ROOT));
                return m.find() ? m.group(1) : null;
            }
            return null;
        }
    }
}
