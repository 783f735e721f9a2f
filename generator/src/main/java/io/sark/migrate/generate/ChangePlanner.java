package io.sark.migrate.generate;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.diff.SchemaChange.AddColumn;
import io.sark.migrate.diff.SchemaChange.AddEnumValue;
import io.sark.migrate.diff.SchemaChange.AddForeignKey;
import io.sark.migrate.diff.SchemaChange.AddPrimaryKey;
import io.sark.migrate.diff.SchemaChange.AddUniqueConstraint;
import io.sark.migrate.diff.SchemaChange.ChangeColumnComment;
import io.sark.migrate.diff.SchemaChange.ChangeColumnType;
import io.sark.migrate.diff.SchemaChange.ChangeDefault;
import io.sark.migrate.diff.SchemaChange.ChangeEnumLabels;
import io.sark.migrate.diff.SchemaChange.ChangeNullability;
import io.sark.migrate.diff.SchemaChange.CreateEnumType;
import io.sark.migrate.diff.SchemaChange.CreateIndex;
import io.sark.migrate.diff.SchemaChange.CreateTable;
import io.sark.migrate.diff.SchemaChange.DropColumn;
import io.sark.migrate.diff.SchemaChange.DropEnumType;
import io.sark.migrate.diff.SchemaChange.DropForeignKey;
import io.sark.migrate.diff.SchemaChange.DropIndex;
import io.sark.migrate.diff.SchemaChange.DropPrimaryKey;
import io.sark.migrate.diff.SchemaChange.DropTable;
import io.sark.migrate.diff.SchemaChange.DropUniqueConstraint;
import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.generate.ChangeSteps.Step;
import io.sark.migrate.schema.ForeignKey;
import io.sark.migrate.schema.Identifiers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.sark.migrate.generate.ChangeSteps.forward;
import static io.sark.migrate.generate.ChangeSteps.ident;
import static io.sark.migrate.generate.ChangeSteps.idents;
import static io.sark.migrate.generate.ChangeSteps.rollback;
import static io.sark.migrate.generate.ChangeSteps.sql;
import static io.sark.migrate.generate.ChangeSteps.step;
import static io.sark.migrate.generate.ObjectSteps.indexSql;

/**
 * What each change becomes on a live database: its changesets in the safe form where one exists, each with the
 * comment a reviewer reads, whether it runs in a transaction, and its forward and rollback steps
 * ({@link ChangeSteps}).
 */
final class ChangePlanner {

    private ChangePlanner() {
    }

    /** How long a statement waits for its lock before it fails (and can be retried), instead of queueing everyone behind it. */
    public static final String LOCK_TIMEOUT = "5s";

    /** Outside a transaction the timeout is the session's: reset it, so later changesets do not inherit it. */
    private static final Step RESET_LOCK_TIMEOUT = sql("RESET lock_timeout");

    /** Why an index on a hypertable is built or dropped in a transaction, allowed where the reviewer reads it. */
    private static final String NOT_CONCURRENTLY_ON_HYPERTABLE = " Not CONCURRENTLY: TimescaleDB refuses it on a hypertable, so it is %s"
            + " in one transaction that blocks %s on %s until it ends (lock_timeout bounds the wait for the lock)."
            + " sark-lint: allow LK101 because TimescaleDB cannot build or drop a hypertable's index CONCURRENTLY";

    /** A changeset to write: its comment, whether it runs in a transaction, its steps and its rollback's. */
    record Planned(String comment, boolean inTransaction, List<Step> forward, List<Step> rollback) {
    }

    /**
     * The changesets for one change, in the safe form where one exists: on a table that already exists, indexes are
     * built and dropped CONCURRENTLY (outside a transaction, after dropping an invalid leftover of a failed attempt),
     * foreign keys and checks are added NOT VALID and validated in a changeset of their own, and statements that take
     * an exclusive lock first set a lock_timeout.
     */
    static List<Planned> plan(SchemaChange change, Set<String> newTables, Set<String> droppedTables, Set<String> hypertables) {
        boolean existing = !newTables.contains(change.subject());
        if (change instanceof CreateIndex c && existing && hypertables.contains(c.table())) {
            return List.of(new Planned(change.describe() + NOT_CONCURRENTLY_ON_HYPERTABLE.formatted("built", "writes", c.table()), true,
                    exclusive(c.table(), sql(indexSql(c.table(), c.index(), false))),
                    exclusive(c.table(), sql("DROP INDEX IF EXISTS " + ident(besides(c.table(), c.index().name()))))));
        }
        if (change instanceof DropIndex c && existing && !droppedTables.contains(c.table()) && hypertables.contains(c.table())) {
            return List.of(new Planned(change.describe() + NOT_CONCURRENTLY_ON_HYPERTABLE.formatted("dropped", "reads and writes", c.table()), true,
                    exclusive(c.table(), sql("DROP INDEX IF EXISTS " + ident(besides(c.table(), c.index().name())))),
                    exclusive(c.table(), sql(indexSql(c.table(), c.index(), false)))));
        }
        if (change instanceof CreateIndex c && existing) {
            return List.of(new Planned(change.describe() + " Built CONCURRENTLY, so writes go on; an invalid index left by an earlier"
                    + " failed attempt is dropped first.", false,
                    List.of(sql("SET lock_timeout = '" + LOCK_TIMEOUT + "'"), sql("DROP INDEX CONCURRENTLY IF EXISTS " + ident(besides(c.table(), c.index().name()))),
                            sql(indexSql(c.table(), c.index(), true)), RESET_LOCK_TIMEOUT),
                    List.of(sql("DROP INDEX CONCURRENTLY IF EXISTS " + ident(besides(c.table(), c.index().name()))))));
        }
        if (change instanceof DropIndex c && existing && !droppedTables.contains(c.table())) {
            return List.of(new Planned(change.describe() + " Dropped CONCURRENTLY, so queries go on.", false,
                    List.of(sql("SET lock_timeout = '" + LOCK_TIMEOUT + "'"), sql("DROP INDEX CONCURRENTLY IF EXISTS " + ident(besides(c.table(), c.index().name()))),
                            RESET_LOCK_TIMEOUT),
                    List.of(sql("DROP INDEX CONCURRENTLY IF EXISTS " + ident(besides(c.table(), c.index().name()))), sql(indexSql(c.table(), c.index(), true)))));
        }
        if (change instanceof SchemaChange.ReplacePrimaryKey c && existing && !hypertables.contains(c.table())) {
            // The new key's index is built without blocking writes, then swapped in: the table always has a key.
            String index = Identifiers.truncate(c.to().name() + "_new");
            String build = "CREATE UNIQUE INDEX CONCURRENTLY " + ident(index) + " ON " + ident(c.table()) + " (" + idents(c.to().columns()) + ")";
            return List.of(
                    new Planned("Build the unique index of " + c.table() + "'s new primary key (" + String.join(", ", c.to().columns())
                            + ") CONCURRENTLY, so writes go on; the next changeset makes it the key. An invalid index left by an"
                            + " earlier failed attempt is dropped first.", false,
                            List.of(sql("SET lock_timeout = '" + LOCK_TIMEOUT + "'"), sql("DROP INDEX CONCURRENTLY IF EXISTS " + ident(besides(c.table(), index))),
                                    sql(build), RESET_LOCK_TIMEOUT),
                            List.of(sql("DROP INDEX CONCURRENTLY IF EXISTS " + ident(besides(c.table(), index))))),
                    new Planned(change.describe() + " In one statement, on the index built before: the table is never without a key."
                            + " The rollback builds the old key's index under the lock.", true,
                            exclusive(c.table(), sql(ObjectSteps.replacePrimaryKey(c.table(), c.from(), c.to(), index))),
                            exclusive(c.table(), sql(ObjectSteps.replacePrimaryKey(c.table(), c.to(), c.from(), null)))));
        }
        if (change instanceof SchemaChange.ReplacePrimaryKey c && existing) {
            // TimescaleDB builds no index CONCURRENTLY on a hypertable: one statement, under the lock, still never keyless.
            return List.of(new Planned(change.describe() + " In one statement, so the table is never without a key; the new key's index"
                    + " is built under the lock (TimescaleDB builds none CONCURRENTLY on a hypertable).", true,
                    exclusive(c.table(), sql(ObjectSteps.replacePrimaryKey(c.table(), c.from(), c.to(), null))),
                    exclusive(c.table(), sql(ObjectSteps.replacePrimaryKey(c.table(), c.to(), c.from(), null)))));
        }
        if (change instanceof SchemaChange.ChangeColumnTypeByCopy c && hypertables.contains(c.table())) {
            // A hypertable's rows are in its chunks: no batches by page range there, the type changes in place.
            return plan(new ChangeColumnType(c.table(), c.from().name(), c.from().type(), c.toType(), c.from().defaultValue(), c.toDefault()),
                    newTables, droppedTables, hypertables);
        }
        if (change instanceof SchemaChange.RenameColumnByCopy c && hypertables.contains(c.table())) {
            return plan(new SchemaChange.RenameColumn(c.table(), c.from().name(), c.to(), c.from().type()), newTables, droppedTables, hypertables);
        }
        if (change instanceof SchemaChange.ChangeColumnTypeByCopy c) {
            return CopyForms.typeByCopy(c);
        }
        if (change instanceof SchemaChange.RenameColumnByCopy c) {
            return CopyForms.renameByCopy(c);
        }
        if (change instanceof SchemaChange.DropColumnCopy c) {
            return CopyForms.dropCopy(c);
        }
        if (change instanceof ChangeNullability c && existing && !c.nullable()) {
            return notNull(c);
        }
        if (change instanceof AddUniqueConstraint c && existing && !hypertables.contains(c.table())) {
            return unique(c);
        }
        if (change instanceof AddForeignKey c && existing) {
            String add = "ALTER TABLE " + ident(c.table()) + " ADD CONSTRAINT " + ident(c.key().name()) + " FOREIGN KEY (" + idents(c.key().columns())
                    + ") REFERENCES " + ident(c.key().referencedTable()) + " (" + idents(c.key().referencedColumns()) + ")"
                    + (c.key().onDelete() == ForeignKey.Action.NO_ACTION ? "" : " ON DELETE " + c.key().onDelete().sql())
                    + (c.key().onUpdate() == ForeignKey.Action.NO_ACTION ? "" : " ON UPDATE " + c.key().onUpdate().sql()) + " NOT VALID";
            return List.of(new Planned(change.describe() + " Added NOT VALID (no scan under lock); the next changeset validates it.", true,
                            exclusive(List.of(c.table(), c.key().referencedTable()), sql(add)),
                            exclusive(List.of(c.table(), c.key().referencedTable()),
                                    step("dropForeignKeyConstraint", "baseTableName", c.table(), "constraintName", c.key().name()))),
                    validate(c.table(), c.key().name()));
        }
        if (change instanceof AddForeignKey c && !newTables.contains(c.key().referencedTable())) {
            // A new table's key to a table that exists takes SHARE ROW EXCLUSIVE on that one too: a moment (the new
            // table is empty), but it waits for the lock like any other.
            String referenced = c.key().referencedTable();
            return List.of(new Planned(comment(change), true, exclusive(referenced, forward(change).toArray(Step[]::new)),
                    exclusive(referenced, rollback(change).toArray(Step[]::new))));
        }
        if (change instanceof SchemaChange.AddCheck c && existing) {
            return List.of(new Planned(change.describe() + " Added NOT VALID (no scan under lock); the next changeset validates it.", true,
                            exclusive(c.table(), sql("ALTER TABLE " + ident(c.table()) + " ADD CONSTRAINT " + ident(c.check().name()) + " CHECK ("
                                    + c.check().expression() + ") NOT VALID")),
                            exclusive(c.table(), sql("ALTER TABLE " + ident(c.table()) + " DROP CONSTRAINT " + ident(c.check().name())))),
                    validate(c.table(), c.check().name()));
        }
        if (change instanceof SchemaChange.Backfill) {
            return List.of(new Planned(comment(change), false, forward(change), rollback(change)));
        }
        boolean strongLock = existing && takesExclusiveLock(change);
        // A renamed table has its old name until the rename, its new one after.
        String before = change instanceof SchemaChange.RenameTable r ? r.from() : change.subject();
        List<Step> forward = new ArrayList<>(strongLock ? exclusive(before) : List.of());
        forward.addAll(forward(change));
        // Rolling back a dropped table creates it: nothing to wait for.
        List<Step> rollback = new ArrayList<>(!strongLock ? List.of() : change instanceof DropTable ? List.of(lockTimeout()) : exclusive(change.subject()));
        rollback.addAll(rollback(change));
        return List.of(new Planned(comment(change), !(change instanceof AddEnumValue) && !commitsAsItGoes(change), forward, rollback));
    }

    /**
     * NOT NULL on a column of a table that has rows, without scanning it under the exclusive lock: a CHECK (column IS
     * NOT NULL) added NOT VALID (a moment's lock), validated (a scan that lets writes go on), then SET NOT NULL, which
     * PostgreSQL 12+ takes from the valid check without a scan, and the check, now redundant, dropped. The rollback
     * undoes each changeset exactly.
     */
    static List<Planned> notNull(ChangeNullability c) {
        String check = Identifiers.truncate(c.table() + "_" + c.column() + "_not_null");
        String table = "ALTER TABLE " + ident(c.table());
        String addCheck = table + " ADD CONSTRAINT " + ident(check) + " CHECK (" + ident(c.column()) + " IS NOT NULL) NOT VALID";
        String dropCheck = table + " DROP CONSTRAINT IF EXISTS " + ident(check);
        return List.of(
                new Planned("Make " + c.table() + "." + c.column() + " NOT NULL without scanning under the lock, 1 of 3: CHECK ("
                        + c.column() + " IS NOT NULL) added NOT VALID, which scans nothing; from here on NULL writes fail.", true,
                        exclusive(c.table(), sql(addCheck)), exclusive(c.table(), sql(dropCheck))),
                validate(c.table(), check),
                new Planned(change(c) + " 3 of 3: SET NOT NULL takes the validated check as proof and scans nothing; the check is"
                        + " dropped.", true,
                        exclusive(c.table(), sql(table + " ALTER COLUMN " + ident(c.column()) + " SET NOT NULL"), sql(dropCheck)),
                        exclusive(c.table(), sql(table + " ALTER COLUMN " + ident(c.column()) + " DROP NOT NULL"), sql(addCheck))));
    }

    private static String change(SchemaChange c) {
        return c.describe().replaceFirst("\\.$", ",");
    }

    /**
     * A unique constraint on a table that has rows, without building its index under the lock: the index is built
     * CONCURRENTLY (writes go on; an invalid leftover of a failed attempt, duplicates say, is dropped first), then made
     * the constraint in a statement that takes the lock for a moment. Rolling back drops the constraint with its index.
     */
    private static List<Planned> unique(AddUniqueConstraint c) {
        String name = c.constraint().name();
        String build = "CREATE UNIQUE INDEX CONCURRENTLY " + ident(name) + " ON " + ident(c.table()) + " (" + idents(c.constraint().columns()) + ")";
        return List.of(
                new Planned("Build the unique index of " + name + " on " + c.table() + " (" + String.join(", ", c.constraint().columns())
                        + ") CONCURRENTLY, so writes go on; the next changeset makes it the constraint. It fails, naming a duplicated"
                        + " value, if the rows already have duplicates; an invalid index left by a failed attempt is dropped first.", false,
                        List.of(sql("SET lock_timeout = '" + LOCK_TIMEOUT + "'"), sql("DROP INDEX CONCURRENTLY IF EXISTS " + ident(besides(c.table(), name))),
                                sql(build), RESET_LOCK_TIMEOUT),
                        List.of(sql("DROP INDEX CONCURRENTLY IF EXISTS " + ident(besides(c.table(), name))))),
                new Planned(change(c) + " on the index built before: the lock is held for a moment, no scan.", true,
                        exclusive(c.table(), sql("ALTER TABLE " + ident(c.table()) + " ADD CONSTRAINT " + ident(name) + " UNIQUE USING INDEX " + ident(name))),
                        exclusive(c.table(), step("dropUniqueConstraint", "tableName", c.table(), "constraintName", name))));
    }

    static Planned validate(String table, String constraint) {
        return new Planned("Validate " + constraint + " on " + table + ": scans the table without blocking writes."
                + " sark-lint: allow HY101 because validating changes no schema: rolling back the changeset before it drops the constraint", true,
                List.of(sql("ALTER TABLE " + ident(table) + " VALIDATE CONSTRAINT " + ident(constraint))), List.of());
    }

    private static Step lockTimeout() {
        return sql("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
    }

    /**
     * The steps of a transaction whose statements hold off writes on {@code table}, which exists: a lock_timeout, then
     * SHARE UPDATE EXCLUSIVE on the table, then the steps. That lock lets reads and writes go on while it waits out an
     * autovacuum or ANALYZE of the table (PostgreSQL cancels an autovacuum that blocks a lock request for
     * deadlock_timeout, 1 s by default) and keeps another from starting; without it, the stronger lock would wait in
     * the queue behind the vacuum, and every write behind it. The stronger lock then waits only for the writers' own
     * transactions.
     */
    static List<Step> exclusive(String table, Step... steps) {
        return exclusive(List.of(table), steps);
    }

    /** {@link #exclusive(String, Step...)} on several tables (a foreign key locks the table it references too). */
    static List<Step> exclusive(List<String> tables, Step... steps) {
        List<Step> all = new ArrayList<>(List.of(lockTimeout(), holdOffVacuum(tables)));
        all.addAll(List.of(steps));
        return all;
    }

    /** LOCK TABLE … IN SHARE UPDATE EXCLUSIVE MODE, each table once ({@link #exclusive}). */
    static Step holdOffVacuum(List<String> tables) {
        return sql("LOCK TABLE " + idents(tables.stream().distinct().toList()) + " IN SHARE UPDATE EXCLUSIVE MODE");
    }

    /**
     * Whether the change's statement waits for a lock that holds off the application's writes, by the one table of
     * PostgreSQL's lock levels ({@link Operation#lock()}); such a statement first sets a lock_timeout. TimescaleDB's
     * steps are not among them here: their guarded blocks set their own.
     */
    private static boolean takesExclusiveLock(SchemaChange change) {
        boolean timescale = change instanceof SchemaChange.ConvertToHypertable || change instanceof SchemaChange.ChangeChunkInterval
                || change instanceof SchemaChange.ChangeCompression || change instanceof SchemaChange.ChangeRetention;
        return !timescale && operation(change).lock().blocksWrites();
    }

    /** What PostgreSQL does for the change, as the classifier of changes names it. */
    static Operation operation(SchemaChange change) {
        if (change instanceof SchemaChange.CreateSchema) return Operation.CREATE_SCHEMA;
        if (change instanceof SchemaChange.DropSchema) return Operation.DROP_SCHEMA;
        if (change instanceof CreateEnumType) return Operation.CREATE_TYPE;
        if (change instanceof DropEnumType) return Operation.DROP_TYPE;
        if (change instanceof AddEnumValue) return Operation.ADD_ENUM_VALUE;
        if (change instanceof ChangeEnumLabels) return Operation.ALTER_TYPE;
        if (change instanceof SchemaChange.RenameTable) return Operation.RENAME_TABLE;
        if (change instanceof SchemaChange.RenameColumn) return Operation.RENAME_COLUMN;
        if (change instanceof SchemaChange.RenameConstraint) return Operation.RENAME_CONSTRAINT;
        if (change instanceof SchemaChange.RenameIndex) return Operation.RENAME_INDEX;
        if (change instanceof CreateTable) return Operation.CREATE_TABLE;
        if (change instanceof DropTable) return Operation.DROP_TABLE;
        if (change instanceof AddColumn) return Operation.ADD_COLUMN;
        if (change instanceof SchemaChange.Backfill) return Operation.WRITE_ROWS;
        if (change instanceof SchemaChange.CreateExpandTrigger) return Operation.CREATE_TRIGGER;
        if (change instanceof SchemaChange.ChangeColumnTypeByCopy || change instanceof SchemaChange.RenameColumnByCopy) return Operation.ADD_COLUMN;
        if (change instanceof SchemaChange.DropColumnCopy) return Operation.DROP_COLUMN;
        if (change instanceof SchemaChange.DropExpandTrigger) return Operation.DROP_TRIGGER;
        if (change instanceof DropColumn) return Operation.DROP_COLUMN;
        if (change instanceof ChangeColumnType) return Operation.ALTER_COLUMN_TYPE;
        if (change instanceof ChangeNullability c) return c.nullable() ? Operation.DROP_NOT_NULL : Operation.SET_NOT_NULL;
        if (change instanceof ChangeDefault) return Operation.SET_DEFAULT;
        if (change instanceof ChangeColumnComment || change instanceof SchemaChange.ChangeTableComment) return Operation.COMMENT;
        if (change instanceof AddPrimaryKey || change instanceof SchemaChange.ReplacePrimaryKey) return Operation.ADD_PRIMARY_KEY;
        if (change instanceof AddUniqueConstraint) return Operation.ADD_UNIQUE;
        if (change instanceof SchemaChange.AddCheck) return Operation.ADD_CHECK;
        if (change instanceof AddForeignKey) return Operation.ADD_FOREIGN_KEY;
        if (change instanceof DropPrimaryKey || change instanceof DropUniqueConstraint || change instanceof SchemaChange.DropCheck
                || change instanceof DropForeignKey) return Operation.DROP_CONSTRAINT;
        if (change instanceof CreateIndex) return Operation.CREATE_INDEX;
        if (change instanceof DropIndex) return Operation.DROP_INDEX;
        if (change instanceof SchemaChange.ConvertToHypertable) return Operation.CONVERT_TO_HYPERTABLE;
        if (change instanceof SchemaChange.ChangeChunkInterval || change instanceof SchemaChange.ChangeRetention) return Operation.TIMESCALE_POLICY;
        if (change instanceof SchemaChange.ChangeCompression) return Operation.SET_TABLE_OPTION;
        if (change instanceof SchemaChange.CreateSequence) return Operation.CREATE_SEQUENCE;
        if (change instanceof SchemaChange.DropSequence) return Operation.DROP_SEQUENCE;
        if (change instanceof SchemaChange.AlterSequence || change instanceof SchemaChange.ChangeSequenceOwner) return Operation.ALTER_SEQUENCE;
        if (change instanceof SchemaChange.ChangeIdentity) return Operation.ALTER_IDENTITY;
        return Operation.OTHER;
    }

    /**
     * Whether the change or its rollback commits as it goes (and so runs outside a transaction): turning a hypertable
     * back into a plain table copies its rows in batches, and switching compression off decompresses one chunk at a time.
     */
    private static boolean commitsAsItGoes(SchemaChange change) {
        return change instanceof SchemaChange.ConvertToHypertable
                || change instanceof SchemaChange.ChangeCompression c && (c.fromAfter().isEmpty() || c.toAfter().isEmpty());
    }

    private static String comment(SchemaChange change) {
        if (change instanceof SchemaChange.ConvertToHypertable) {
            return change.describe() + " Skipped with a notice where TimescaleDB is not installed. Rolling back copies the rows"
                    + " into a plain table beside it in batches, each committed, and swaps the two in one short transaction.";
        }
        if (change instanceof SchemaChange.ChangeChunkInterval || change instanceof SchemaChange.ChangeCompression
                || change instanceof SchemaChange.ChangeRetention) {
            return change.describe() + " Skipped with a notice where TimescaleDB is not installed.";
        }
        if (change instanceof SchemaChange.Backfill) {
            return change.describe() + " In batches of " + FillSteps.FILL_BATCH_PAGES + " pages, each committed: no row is locked"
                    + " for longer than its batch, and a run stopped half-way resumes where it was (filled rows are skipped)."
                    + " sark-lint: allow HY101 because the changeset before it adds the column, and rolling that"
                    + " back drops the column with what this fills";
        }
        if (change instanceof SchemaChange.CreateExpandTrigger) {
            return change.describe() + " Before the fill, so that a row the running application inserts or updates meanwhile"
                    + " is filled too, and after it, so that its inserts keep working once the column is NOT NULL. The contract"
                    + " phase drops it: the next revision --autogenerate proposes that (--hold-drops keeps it).";
        }
        if (change instanceof AddEnumValue) {
            return change.describe() + " PostgreSQL cannot remove an enum value, so rolling back replaces the type: renamed, created"
                    + " again without the value, each column of it moved to the new one (which rewrites its table under ACCESS EXCLUSIVE),"
                    + " the old one dropped. A downgrade is refused, with the count, while rows hold the value.";
        }
        return change.describe();
    }

    /** {@code name} (an index) in the schema of {@code table}: how a statement that names the index alone must write it. */
    private static String besides(String table, String name) {
        return Identifiers.besides(table, name);
    }
}
