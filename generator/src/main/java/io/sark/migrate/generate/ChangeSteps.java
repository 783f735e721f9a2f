package io.sark.migrate.generate;

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
import io.sark.migrate.schema.Identifiers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
            if (Objects.equals(Identifiers.schemaOf(c.from()), toSchema)) {
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
            return List.of(sql(ObjectSteps.createType(c.type())));
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
            return ObjectSteps.createTable(c.table());
        }
        if (change instanceof DropTable c) {
            return List.of(step("dropTable", "tableName", c.table().name()));
        }
        if (change instanceof AddColumn c) {
            return ObjectSteps.addColumn(c.table(), c.column());
        }
        if (change instanceof DropColumn c) {
            return List.of(step("dropColumn", "tableName", c.table(), "columnName", c.column().name()));
        }
        if (change instanceof ChangeColumnType c) {
            List<Step> steps = new ArrayList<>();
            if (c.fromDefault() != null) {
                steps.add(ObjectSteps.setDefault(c.table(), c.column(), c.fromType(), null));
            }
            steps.add(ObjectSteps.modifyType(c.table(), c.column(), c.toType()));
            if (c.toDefault() != null) {
                steps.add(ObjectSteps.setDefault(c.table(), c.column(), c.toType(), c.toDefault()));
            }
            return steps;
        }
        if (change instanceof ChangeNullability c) {
            return List.of(ObjectSteps.nullability(c.table(), c.column(), c.type(), c.nullable()));
        }
        if (change instanceof ChangeDefault c) {
            return List.of(ObjectSteps.setDefault(c.table(), c.column(), c.type(), c.to()));
        }
        if (change instanceof ChangeColumnComment c) {
            return List.of(ObjectSteps.remarks(c.table(), c.column(), c.to()));
        }
        if (change instanceof SchemaChange.ChangeTableComment c) {
            return List.of(ObjectSteps.tableRemarks(c.table(), c.to()));
        }
        if (change instanceof AddPrimaryKey c) {
            return List.of(ObjectSteps.addPrimaryKey(c.table(), c.key()));
        }
        if (change instanceof SchemaChange.ReplacePrimaryKey c) {
            return List.of(sql(ObjectSteps.replacePrimaryKey(c.table(), c.from(), c.to(), null)));
        }
        if (change instanceof DropPrimaryKey c) {
            return List.of(step("dropPrimaryKey", "tableName", c.table(), "constraintName", c.key().name()));
        }
        if (change instanceof AddUniqueConstraint c) {
            return List.of(ObjectSteps.addUnique(c.table(), c.constraint()));
        }
        if (change instanceof DropUniqueConstraint c) {
            return List.of(step("dropUniqueConstraint", "tableName", c.table(), "constraintName", c.constraint().name()));
        }
        if (change instanceof CreateIndex c) {
            return List.of(ObjectSteps.createIndex(c.table(), c.index()));
        }
        if (change instanceof DropIndex c) {
            return List.of(step("dropIndex", "tableName", c.table(), "indexName", c.index().name()));
        }
        if (change instanceof AddForeignKey c) {
            return List.of(ObjectSteps.addForeignKey(c.table(), c.key()));
        }
        if (change instanceof DropForeignKey c) {
            return List.of(step("dropForeignKeyConstraint", "baseTableName", c.table(), "constraintName", c.key().name()));
        }
        if (change instanceof SchemaChange.AddCheck c) {
            return List.of(ObjectSteps.addCheck(c.table(), c.check()));
        }
        if (change instanceof SchemaChange.ConvertToHypertable c) {
            return List.of(block(TimescaleSql.convert(c.table(), c.timeColumn(), c.chunkInterval())));
        }
        if (change instanceof SchemaChange.Backfill c) {
            return List.of(block(FillSteps.batchedFill(c.table(), c.column(), c.expression())));
        }
        if (change instanceof SchemaChange.CreateExpandTrigger c) {
            return FillSteps.createTrigger(c.trigger());
        }
        if (change instanceof SchemaChange.DropExpandTrigger c) {
            return FillSteps.dropTrigger(c.trigger());
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
            return List.of(ObjectSteps.createSequence(c.sequence()));
        }
        if (change instanceof SchemaChange.DropSequence c) {
            return List.of(ObjectSteps.dropSequence(c.sequence()));
        }
        if (change instanceof SchemaChange.AlterSequence c) {
            return List.of(sql(ObjectSteps.alterSequence(c.from(), c.to())));
        }
        if (change instanceof SchemaChange.ChangeSequenceOwner c) {
            return List.of(sql(ObjectSteps.ownSequence(c.sequence(), c.to())));
        }
        if (change instanceof SchemaChange.ChangeIdentity c) {
            return ObjectSteps.identity(c.table(), c.column(), c.from(), c.to());
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
            List<Step> steps = new ArrayList<>(ObjectSteps.createTable(c.table()));
            c.table().uniqueConstraints().values().forEach(u -> steps.add(ObjectSteps.addUnique(c.table().name(), u)));
            c.table().indexes().values().forEach(i -> steps.add(ObjectSteps.createIndex(c.table().name(), i)));
            c.table().checks().values().forEach(k -> steps.add(ObjectSteps.addCheck(c.table().name(), k)));
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
            List<Step> steps = new ArrayList<>(ObjectSteps.addColumn(c.table(), c.column().withNullable(true)));
            steps.add(sql("UPDATE " + ident(c.table()) + " SET " + ident(c.column().name()) + " = " + c.restore()));
            if (!c.column().nullable()) {
                steps.add(ObjectSteps.nullability(c.table(), c.column().name(), c.column().type(), false));
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

    static String literal(String text) {
        return Identifiers.literal(text);
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

}
