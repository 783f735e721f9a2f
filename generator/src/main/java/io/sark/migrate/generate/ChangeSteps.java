package io.sark.migrate.generate;

import io.sark.migrate.postgres.Identifiers;
import io.sark.migrate.diff.SchemaChange;
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
import io.sark.migrate.schema.CheckConstraint;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.EnumType;
import io.sark.migrate.schema.ExpandTrigger;
import io.sark.migrate.schema.ForeignKey;
import io.sark.migrate.schema.Index;
import io.sark.migrate.schema.PrimaryKey;
import io.sark.migrate.schema.Table;
import io.sark.migrate.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Each kind of change as Liquibase steps, forward and back, side by side: a rollback is the forward steps of the
 * change's inverse ({@link SchemaChange#inverse()}), except where the inverse alone cannot say it. Identifiers and
 * literals are quoted here, once.
 */
final class ChangeSteps {

    private ChangeSteps() {
    }

    /** One Liquibase change: its type ({@code createTable}) and its fields, in writing order. */
    record Step(String type, Map<String, Object> fields) {
    }

    static List<Step> forward(SchemaChange change) {
        if (change instanceof SchemaChange.RenameTable c) {
            String toSchema = Identifiers.schemaOf(c.to());
            if (java.util.Objects.equals(Identifiers.schemaOf(c.from()), toSchema)) {
                return List.of(step("renameTable", "oldTableName", c.from(), "newTableName", c.to()));
            }
            // Moved to another schema (its indexes, constraints and owned sequences go with it), then renamed there.
            List<Step> steps = new ArrayList<>(List.of(sql("ALTER TABLE " + ident(c.from()) + " SET SCHEMA " + ident(toSchema == null ? "public" : toSchema))));
            if (!Identifiers.nameOf(c.from()).equals(Identifiers.nameOf(c.to()))) {
                steps.add(step("renameTable", "oldTableName", Identifiers.qualified(toSchema, Identifiers.nameOf(c.from())), "newTableName", c.to()));
            }
            return steps;
        }
        if (change instanceof SchemaChange.RenameColumn c) {
            return List.of(step("renameColumn", "tableName", c.table(), "oldColumnName", c.from(), "newColumnName", c.to(),
                    "columnDataType", c.type()));
        }
        if (change instanceof SchemaChange.RenameConstraint c) {
            return List.of(sql("ALTER TABLE " + ident(c.table()) + " RENAME CONSTRAINT " + ident(c.from()) + " TO " + ident(c.to())));
        }
        if (change instanceof SchemaChange.RenameIndex c) {
            return List.of(sql("ALTER INDEX " + ident(Identifiers.besides(c.table(), c.from())) + " RENAME TO " + ident(c.to())));
        }
        if (change instanceof CreateEnumType c) {
            return List.of(sql(createType(c.type())));
        }
        if (change instanceof DropEnumType c) {
            return List.of(sql("DROP TYPE " + ident(c.type().name())));
        }
        if (change instanceof SchemaChange.CreateSchema c) {
            return List.of(sql("CREATE SCHEMA IF NOT EXISTS " + ident(c.name())));
        }
        if (change instanceof SchemaChange.DropSchema c) {
            return List.of(sql("DROP SCHEMA " + ident(c.name())));
        }
        if (change instanceof AddEnumValue c) {
            return List.of(sql("ALTER TYPE " + ident(c.type()) + " ADD VALUE IF NOT EXISTS " + literal(c.label()) + (c.before() ? " BEFORE " : " AFTER ")
                    + literal(c.neighbor())));
        }
        if (change instanceof ChangeEnumLabels c) {
            throw new UnsupportedChangeException(c.describe() + " PostgreSQL cannot remove or reorder enum labels in place."
                    + " Write it by hand: create a new type with the labels wanted, ALTER each column to it"
                    + " (USING column::text::new_type, after mapping removed values to others), drop the old type, rename the new one.");
        }
        if (change instanceof CreateTable c) {
            return createTable(c.table());
        }
        if (change instanceof DropTable c) {
            return List.of(step("dropTable", "tableName", c.table().name()));
        }
        if (change instanceof AddColumn c) {
            return addColumn(c.table(), c.column());
        }
        if (change instanceof DropColumn c) {
            return List.of(step("dropColumn", "tableName", c.table(), "columnName", c.column().name()));
        }
        if (change instanceof ChangeColumnType c) {
            List<Step> steps = new ArrayList<>();
            if (c.fromDefault() != null) {
                steps.add(setDefault(c.table(), c.column(), c.fromType(), null));
            }
            steps.add(modifyType(c.table(), c.column(), c.toType()));
            if (c.toDefault() != null) {
                steps.add(setDefault(c.table(), c.column(), c.toType(), c.toDefault()));
            }
            return steps;
        }
        if (change instanceof ChangeNullability c) {
            return List.of(nullability(c.table(), c.column(), c.type(), c.nullable()));
        }
        if (change instanceof ChangeDefault c) {
            return List.of(setDefault(c.table(), c.column(), c.type(), c.to()));
        }
        if (change instanceof ChangeColumnComment c) {
            return List.of(remarks(c.table(), c.column(), c.to()));
        }
        if (change instanceof AddPrimaryKey c) {
            return List.of(addPrimaryKey(c.table(), c.key()));
        }
        if (change instanceof SchemaChange.ReplacePrimaryKey c) {
            return List.of(sql(replacePrimaryKey(c.table(), c.from(), c.to(), null)));
        }
        if (change instanceof DropPrimaryKey c) {
            return List.of(step("dropPrimaryKey", "tableName", c.table(), "constraintName", c.key().name()));
        }
        if (change instanceof AddUniqueConstraint c) {
            return List.of(addUnique(c.table(), c.constraint()));
        }
        if (change instanceof DropUniqueConstraint c) {
            return List.of(step("dropUniqueConstraint", "tableName", c.table(), "constraintName", c.constraint().name()));
        }
        if (change instanceof CreateIndex c) {
            return List.of(createIndex(c.table(), c.index()));
        }
        if (change instanceof DropIndex c) {
            return List.of(step("dropIndex", "tableName", c.table(), "indexName", c.index().name()));
        }
        if (change instanceof AddForeignKey c) {
            return List.of(addForeignKey(c.table(), c.key()));
        }
        if (change instanceof DropForeignKey c) {
            return List.of(step("dropForeignKeyConstraint", "baseTableName", c.table(), "constraintName", c.key().name()));
        }
        if (change instanceof SchemaChange.AddCheck c) {
            return List.of(addCheck(c.table(), c.check()));
        }
        if (change instanceof SchemaChange.ConvertToHypertable c) {
            return List.of(block(TimescaleSql.convert(c.table(), c.timeColumn(), c.chunkInterval())));
        }
        if (change instanceof SchemaChange.Backfill c) {
            return List.of(block(batchedFill(c.table(), c.column(), c.expression())));
        }
        if (change instanceof SchemaChange.CreateExpandTrigger c) {
            return createTrigger(c.trigger());
        }
        if (change instanceof SchemaChange.DropExpandTrigger c) {
            return dropTrigger(c.trigger());
        }
        if (change instanceof SchemaChange.ChangeColumnTypeByCopy || change instanceof SchemaChange.RenameColumnByCopy
                || change instanceof SchemaChange.DropColumnCopy) {
            throw new IllegalStateException("planned in changesets of their own by CopyForms: " + change);
        }
        if (change instanceof SchemaChange.ChangeChunkInterval c) {
            return List.of(block(TimescaleSql.chunkInterval(c.table(), c.to(), true)));
        }
        if (change instanceof SchemaChange.ChangeCompression c) {
            return List.of(block(TimescaleSql.compression(c.table(), c.fromAfter(), c.toSegmentBy(), c.toAfter(), true)));
        }
        if (change instanceof SchemaChange.ChangeRetention c) {
            return List.of(block(TimescaleSql.retention(c.table(), c.from(), c.to(), true)));
        }
        if (change instanceof SchemaChange.RefusedHypertable c) {
            throw new UnsupportedChangeException(c.reason());
        }
        if (change instanceof SchemaChange.DropCheck c) {
            return List.of(sql("ALTER TABLE " + ident(c.table()) + " DROP CONSTRAINT " + ident(c.check().name())));
        }
        if (change instanceof SchemaChange.CreateSequence c) {
            return List.of(createSequence(c.sequence()));
        }
        if (change instanceof SchemaChange.DropSequence c) {
            return List.of(dropSequence(c.sequence()));
        }
        if (change instanceof SchemaChange.AlterSequence c) {
            return List.of(sql(alterSequence(c.from(), c.to())));
        }
        if (change instanceof SchemaChange.ChangeSequenceOwner c) {
            return List.of(sql(ownSequence(c.sequence(), c.to())));
        }
        if (change instanceof SchemaChange.ChangeIdentity c) {
            return identity(c.table(), c.column(), c.from(), c.to());
        }
        throw new IllegalStateException("unknown change " + change);
    }

    /**
     * The rollback: the inverse change's forward steps, when the change has an exact inverse (so the two cannot drift
     * apart); else said here, for the few kinds whose undoing is no change of the vocabulary.
     */
    static List<Step> rollback(SchemaChange change) {
        if (change.inverse() != null) {
            return forward(change.inverse());
        }
        if (change instanceof DropTable c) {
            List<Step> steps = new ArrayList<>(createTable(c.table()));
            c.table().uniqueConstraints().values().forEach(u -> steps.add(addUnique(c.table().name(), u)));
            c.table().indexes().values().forEach(i -> steps.add(createIndex(c.table().name(), i)));
            c.table().checks().values().forEach(k -> steps.add(addCheck(c.table().name(), k)));
            return steps;
        }
        if (change instanceof AddEnumValue c) {
            return List.of(block(EnumSql.withoutValue(c.type(), c.label())));
        }
        if (change instanceof SchemaChange.ConvertToHypertable c) {
            return List.of(block(TimescaleSql.toPlainTable(c.table())));
        }
        if (change instanceof SchemaChange.Backfill) {
            return List.of();
        }
        if (change instanceof DropColumn c && c.restore() != null) {
            List<Step> steps = new ArrayList<>(addColumn(c.table(), c.column().withNullable(true)));
            steps.add(sql("UPDATE " + ident(c.table()) + " SET " + ident(c.column().name()) + " = " + c.restore()));
            if (!c.column().nullable()) {
                steps.add(nullability(c.table(), c.column().name(), c.column().type(), false));
            }
            return steps;
        }
        if (change instanceof SchemaChange.ChangeChunkInterval c) {
            return List.of(block(TimescaleSql.chunkInterval(c.table(), c.from(), false)));
        }
        if (change instanceof SchemaChange.ChangeCompression c) {
            return List.of(block(TimescaleSql.compression(c.table(), c.toAfter(), c.fromSegmentBy(), c.fromAfter(), false)));
        }
        if (change instanceof SchemaChange.ChangeRetention c) {
            return List.of(block(TimescaleSql.retention(c.table(), c.to(), c.from(), false)));
        }
        if (change instanceof ChangeEnumLabels || change instanceof SchemaChange.RefusedHypertable) {
            return forward(change); // refused: forward says why
        }
        throw new IllegalStateException("no rollback for " + change);
    }

    static Step step(String type, Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value == null) {
                continue;
            }
            String key = (String) keysAndValues[i];
            // A table in another schema: Liquibase's schema field beside its name (reporting␀sales: schemaName reporting, tableName sales).
            if (value instanceof String name && Identifiers.schemaOf(name) != null && SCHEMA_FIELDS.containsKey(key)) {
                if (!SCHEMA_FIELDS.get(key).isEmpty()) {
                    fields.put(SCHEMA_FIELDS.get(key), Identifiers.schemaOf(name));
                }
                value = Identifiers.nameOf(name);
            }
            fields.put(key, value);
        }
        return new Step(type, fields);
    }

    /** Liquibase's fields that name a table, with the field that names its schema ("" where another field says it). */
    private static final Map<String, String> SCHEMA_FIELDS = Map.of("tableName", "schemaName", "oldTableName", "schemaName", "newTableName", "",
            "baseTableName", "baseTableSchemaName", "referencedTableName", "referencedTableSchemaName");

    static Step sql(String statement) {
        return step("sql", "sql", statement);
    }

    /** A DO block: not split on ';', comments kept (the first line is the step's declaration). */
    static Step block(String statement) {
        return step("sql", "splitStatements", false, "stripComments", false, "sql", new Yaml.Literal(statement));
    }

    /** An expand trigger: its function, the trigger (before each insert and update of each row) and its comment. */
    static List<Step> createTrigger(ExpandTrigger t) {
        return List.of(block("CREATE OR REPLACE FUNCTION " + ident(t.name()) + "() RETURNS trigger LANGUAGE plpgsql AS $sark$" + t.body() + "$sark$"),
                sql("CREATE TRIGGER " + ident(t.name()) + " BEFORE INSERT OR UPDATE ON " + ident(t.table())
                        + " FOR EACH ROW EXECUTE FUNCTION " + ident(t.name()) + "()"),
                sql("COMMENT ON TRIGGER " + ident(t.name()) + " ON " + ident(t.table()) + " IS " + literal(t.purpose())));
    }

    static List<Step> dropTrigger(ExpandTrigger t) {
        return List.of(sql("DROP TRIGGER IF EXISTS " + ident(t.name()) + " ON " + ident(t.table())),
                sql("DROP FUNCTION IF EXISTS " + ident(t.name()) + "()"));
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
                "    IF NEW." + ident(column) + " IS NULL THEN",
                "        SELECT (" + expression + ") INTO NEW." + ident(column) + " FROM (SELECT NEW.*) AS " + ident(table) + ";",
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

    /** How a fill's progress starts in its session's application_name ({@code io.sark.migrate.engine.FillProgress} reads it). */
    static final String PROGRESS_PREFIX = "sark-fill ";

    /**
     * A fill in batches that each commit, so no row stays locked for longer than its batch, and the work done survives
     * a failure or Ctrl-C: run again, it skips the rows filled ({@code IS NULL}). The batches are ranges of the table's
     * pages (PostgreSQL 14+ reads a ctid range directly), so any table is batched, whatever its key, with a short pause
     * between them for the application's writes. A table with children (partitioned, or a TimescaleDB hypertable) is
     * filled by one statement. Runs outside a transaction (the block commits); says at the end how many rows it filled.
     */
    static String batchedFill(String table, String column, String expression) {
        String relation = literal(ident(table)) + "::regclass";
        String set = "UPDATE " + ident(table) + " SET " + ident(column) + " = " + expression;
        String nulls = ident(column) + " IS NULL";
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

    private static String createType(EnumType type) {
        return "CREATE TYPE " + ident(type.name()) + " AS ENUM (" + type.labels().stream().map(ChangeSteps::literal).collect(Collectors.joining(", ")) + ")";
    }

    static String literal(String text) {
        return Identifiers.literal(text);
    }

    /**
     * A new table with its columns and primary key. Liquibase orders a composite key declared on the columns by the
     * columns' order in the table, so a key in another order is added by a second step of the same changeset.
     */
    private static List<Step> createTable(Table table) {
        PrimaryKey pk = table.primaryKey();
        boolean keyInTableOrder = pk == null
                || pk.columns().equals(table.columns().stream().map(Column::name).filter(pk.columns()::contains).toList());
        List<Object> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            Map<String, Object> constraints = new LinkedHashMap<>();
            if (keyInTableOrder && pk != null && pk.columns().contains(column.name())) {
                constraints.put("primaryKey", true);
                constraints.put("primaryKeyName", pk.name());
            }
            columns.add(Map.of("column", columnFields(column, constraints)));
        }
        List<Step> steps = new ArrayList<>(List.of(step("createTable", "tableName", table.name(), "columns", columns)));
        if (!keyInTableOrder) {
            steps.add(addPrimaryKey(table.name(), pk));
        }
        for (Column column : table.columns()) {
            if (column.identity() != null) {
                steps.add(sql("ALTER TABLE " + ident(table.name()) + " ALTER COLUMN " + ident(column.name()) + " ADD GENERATED "
                        + column.identity().sql() + " AS IDENTITY"));
            }
        }
        return steps;
    }

    /** An identity column is added with its identity in one statement, which numbers the rows already there. */
    private static List<Step> addColumn(String table, Column column) {
        if (column.identity() != null) {
            List<Step> steps = new ArrayList<>(List.of(sql("ALTER TABLE " + ident(table) + " ADD COLUMN " + ident(column.name()) + " "
                    + column.type() + " GENERATED " + column.identity().sql() + " AS IDENTITY")));
            if (column.comment() != null) {
                steps.add(remarks(table, column.name(), column.comment()));
            }
            return steps;
        }
        return List.of(step("addColumn", "tableName", table, "columns", List.of(Map.of("column", columnFields(column, new LinkedHashMap<>())))));
    }

    /**
     * CREATE SEQUENCE with its type, start and increment, and the rest where it is not PostgreSQL's default. As SQL:
     * Liquibase's createSequence adds IF NOT EXISTS (a leftover of the same name would be silently kept) and its
     * dropSequence adds CASCADE (a default still using the sequence would be silently dropped).
     */
    private static Step createSequence(io.sark.migrate.schema.Sequence q) {
        StringBuilder sql = new StringBuilder("CREATE SEQUENCE " + ident(q.name()) + " AS " + q.type() + " START WITH " + q.start()
                + " INCREMENT BY " + q.increment());
        if (q.minValue() != io.sark.migrate.schema.Sequence.defaultMin(q.increment(), q.type())) sql.append(" MINVALUE ").append(q.minValue());
        if (q.maxValue() != io.sark.migrate.schema.Sequence.defaultMax(q.increment(), q.type())) sql.append(" MAXVALUE ").append(q.maxValue());
        if (q.cache() != 1) sql.append(" CACHE ").append(q.cache());
        if (q.cycle()) sql.append(" CYCLE");
        return sql(sql.toString());
    }

    private static Step dropSequence(io.sark.migrate.schema.Sequence q) {
        return sql("DROP SEQUENCE " + ident(q.name()));
    }

    /** ALTER SEQUENCE with what differs between {@code from} and {@code to}. */
    private static String alterSequence(io.sark.migrate.schema.Sequence from, io.sark.migrate.schema.Sequence to) {
        StringBuilder sql = new StringBuilder("ALTER SEQUENCE " + ident(to.name()));
        if (!from.type().equals(to.type())) sql.append(" AS ").append(to.type());
        if (from.increment() != to.increment()) sql.append(" INCREMENT BY ").append(to.increment());
        if (from.minValue() != to.minValue()) sql.append(" MINVALUE ").append(to.minValue());
        if (from.maxValue() != to.maxValue()) sql.append(" MAXVALUE ").append(to.maxValue());
        if (from.start() != to.start()) sql.append(" START WITH ").append(to.start());
        if (from.cache() != to.cache()) sql.append(" CACHE ").append(to.cache());
        if (from.cycle() != to.cycle()) sql.append(to.cycle() ? " CYCLE" : " NO CYCLE");
        return sql.toString();
    }

    private static String ownSequence(String sequence, String owner) {
        if (owner == null) {
            return "ALTER SEQUENCE " + ident(sequence) + " OWNED BY NONE";
        }
        int dot = owner.lastIndexOf('.');
        return "ALTER SEQUENCE " + ident(sequence) + " OWNED BY " + ident(owner.substring(0, dot)) + "." + ident(owner.substring(dot + 1));
    }

    /**
     * A column made an identity, changed, or made plain. A new identity starts after the largest value already in the
     * column, so rows inserted next do not collide with those there.
     */
    private static List<Step> identity(String table, String column, Column.Identity from, Column.Identity to) {
        String alter = "ALTER TABLE " + ident(table) + " ALTER COLUMN " + ident(column);
        if (to == null) {
            return List.of(sql(alter + " DROP IDENTITY"));
        }
        if (from != null) {
            return List.of(sql(alter + " SET GENERATED " + to.sql()));
        }
        return List.of(sql(alter + " ADD GENERATED " + to.sql() + " AS IDENTITY"),
                sql("SELECT setval(pg_get_serial_sequence(" + literal(ident(table)) + ", " + literal(column) + "), coalesce(max("
                        + ident(column) + "), 0) + 1, false) FROM " + ident(table)));
    }

    private static Map<String, Object> columnFields(Column column, Map<String, Object> constraints) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", column.name());
        fields.put("type", column.type());
        if (column.defaultValue() != null) {
            fields.put("defaultValueComputed", column.defaultValue());
        }
        if (column.comment() != null) {
            fields.put("remarks", column.comment());
        }
        if (!column.nullable()) {
            constraints.put("nullable", false);
        }
        if (!constraints.isEmpty()) {
            fields.put("constraints", constraints);
        }
        return fields;
    }

    private static Step modifyType(String table, String column, String type) {
        return step("modifyDataType", "tableName", table, "columnName", column, "newDataType", type);
    }

    private static Step nullability(String table, String column, String type, boolean nullable) {
        return step(nullable ? "dropNotNullConstraint" : "addNotNullConstraint",
                "tableName", table, "columnName", column, "columnDataType", type);
    }

    private static Step setDefault(String table, String column, String type, String expression) {
        return expression == null
                ? step("dropDefaultValue", "tableName", table, "columnName", column, "columnDataType", type)
                : step("addDefaultValue", "tableName", table, "columnName", column, "columnDataType", type,
                "defaultValueComputed", expression);
    }

    private static Step remarks(String table, String column, String comment) {
        return step("setColumnRemarks", "tableName", table, "columnName", column, "remarks", comment == null ? "" : comment);
    }

    /**
     * One statement that drops {@code from} and adds {@code to}, so the table is never without a key: on an index built
     * beforehand ({@code usingIndex}, renamed to the key's name), or building the key's index under the lock.
     */
    static String replacePrimaryKey(String table, PrimaryKey from, PrimaryKey to, String usingIndex) {
        return "ALTER TABLE " + ident(table) + " DROP CONSTRAINT " + ident(from.name()) + ", ADD CONSTRAINT " + ident(to.name())
                + " PRIMARY KEY " + (usingIndex != null ? "USING INDEX " + ident(usingIndex) : "(" + idents(to.columns()) + ")");
    }

    private static Step addPrimaryKey(String table, PrimaryKey key) {
        return step("addPrimaryKey", "tableName", table, "columnNames", String.join(", ", key.columns()), "constraintName", key.name());
    }

    private static Step addUnique(String table, UniqueConstraint constraint) {
        return step("addUniqueConstraint", "tableName", table, "columnNames", String.join(", ", constraint.columns()),
                "constraintName", constraint.name());
    }

    /** CREATE INDEX as SQL: what Liquibase's createIndex cannot say (predicate, ordering, expression, method, CONCURRENTLY). */
    static String indexSql(String table, Index index, boolean concurrently) {
        String keys = index.keys().stream().map(k -> Index.keySql(k, ChangeSteps::ident)).collect(Collectors.joining(", "));
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + (concurrently ? "CONCURRENTLY " : "") + ident(index.name()) + " ON " + ident(table)
                + (index.method().equals("btree") ? "" : " USING " + index.method()) + " (" + keys + ")"
                + (index.where() == null ? "" : " WHERE " + index.where());
    }

    private static Step createIndex(String table, Index index) {
        if (!index.plain()) {
            return sql(indexSql(table, index, false));
        }
        List<Object> columns = index.columns().stream().<Object>map(c -> Map.of("column", Map.of("name", c))).toList();
        return step("createIndex", "tableName", table, "indexName", index.name(), "unique", index.unique() ? true : null,
                "columns", columns);
    }

    /**
     * An identifier as SQL: bare when it is a plain name that is no key word (as people write them, and as the
     * reviewed changesets show them), else in double quotes with any quote inside doubled. Either way no
     * name can end the identifier early and add SQL of its own.
     */
    static String ident(String name) {
        return Identifiers.readable(name);
    }

    static String idents(List<String> names) {
        return names.stream().map(ChangeSteps::ident).collect(Collectors.joining(", "));
    }

    private static Step addCheck(String table, CheckConstraint check) {
        return sql("ALTER TABLE " + ident(table) + " ADD CONSTRAINT " + ident(check.name()) + " CHECK (" + check.expression() + ")");
    }

    private static Step addForeignKey(String table, ForeignKey key) {
        return step("addForeignKeyConstraint",
                "constraintName", key.name(),
                "baseTableName", table,
                "baseColumnNames", String.join(", ", key.columns()),
                "referencedTableName", key.referencedTable(),
                "referencedColumnNames", String.join(", ", key.referencedColumns()),
                "onDelete", key.onDelete() == ForeignKey.Action.NO_ACTION ? null : key.onDelete().sql(),
                "onUpdate", key.onUpdate() == ForeignKey.Action.NO_ACTION ? null : key.onUpdate().sql());
    }
}
