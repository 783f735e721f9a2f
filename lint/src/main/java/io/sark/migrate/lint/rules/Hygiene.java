package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import io.sark.migrate.lint.Tables;
import io.sark.migrate.postgres.Identifiers;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddForeignKeyConstraintChange;
import liquibase.change.core.AddPrimaryKeyChange;
import liquibase.change.core.AddUniqueConstraintChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateSequenceChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.RawSQLChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameTableChange;
import liquibase.change.core.TagDatabaseChange;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** HY1xx: what makes a changeset hard to review or to undo. */
final class Hygiene {

    private Hygiene() {
    }

    /** HY101: a changeset without an explicit rollback. */
    static final class NoRollback extends Rule {
        NoRollback() {
            super("HY101", "no-rollback", Severity.ERROR, "A changeset without an explicit rollback cannot be downgraded reliably.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            boolean onlyTags = context.changes().stream().allMatch(TagDatabaseChange.class::isInstance);
            return !onlyTags && context.changeSet().getRollback().getChanges().isEmpty()
                    ? List.of("has no rollback: write one (rollback: [] only where there is truly nothing to undo).")
                    : List.of();
        }
    }

    /** HY102: a changeset that touches several tables. */
    static final class SeveralTables extends Rule {
        SeveralTables() {
            super("HY102", "several-tables", Severity.WARNING,
                    "A changeset touching several tables holds locks on all of them at once and is harder to review and retry.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            Set<String> tables = new LinkedHashSet<>();
            for (Change change : context.changes()) {
                tables.addAll(Tables.touchedBy(change));
            }
            return tables.size() > 1 ? List.of("touches " + String.join(", ", tables) + ": split it, one table per changeset.") : List.of();
        }
    }

    /** HY103: raw SQL in a changeset that does not say what it does. */
    static final class RawSqlWithoutComment extends Rule {
        RawSqlWithoutComment() {
            super("HY103", "raw-sql-without-comment", Severity.WARNING, "Raw SQL without a comment leaves reviewers to guess what it is for.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            boolean raw = context.changes().stream().anyMatch(RawSQLChange.class::isInstance);
            String comment = context.changeSet().getComments();
            return raw && (comment == null || comment.isBlank())
                    ? List.of("runs raw SQL without a comment: say what it does and why in the changeset's comment.")
                    : List.of();
        }
    }

    /** HY104: a column of type oid (what Hibernate 6 makes of a {@code @Lob} on PostgreSQL). */
    static final class LargeObjectColumn extends Rule {
        LargeObjectColumn() {
            super("HY104", "large-object-column", Severity.WARNING,
                    "An oid column points at a large object, which is not deleted with its row: deleted rows leave their data behind.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            return forEachChange(context, (change, messages) -> {
                for (ColumnConfig column : columns(change)) {
                    if (column.getType() != null && column.getType().strip().equalsIgnoreCase("oid")) {
                        messages.add("column " + column.getName() + " is an oid: its large object outlives the row (nothing deletes it"
                                + " without lo_unlink or the lo extension's trigger). For @Lob String map text (@JdbcTypeCode(SqlTypes.LONG32VARCHAR)"
                                + " or columnDefinition = \"text\"); for @Lob byte[] map bytea (@JdbcTypeCode(SqlTypes.VARBINARY)).");
                    }
                }
                if (change instanceof ModifyDataTypeChange modify && modify.getNewDataType() != null
                        && modify.getNewDataType().strip().equalsIgnoreCase("oid")) {
                    messages.add("column " + modify.getColumnName() + " becomes an oid: its large object outlives the row.");
                }
            });
        }
    }

    /** HY105: a name longer than PostgreSQL keeps. */
    static final class IdentifierTooLong extends Rule {
        IdentifierTooLong() {
            super("HY105", "identifier-too-long", Severity.WARNING,
                    "PostgreSQL keeps the first 63 bytes of a name: a longer one is not the name the database holds, and two that share"
                            + " those bytes are one name.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            java.util.Map<String, String> byTruncated = new java.util.TreeMap<>();
            List<String> messages = new java.util.ArrayList<>();
            for (Change change : context.changes()) {
                for (String name : names(change)) {
                    if (name == null || !Identifiers.tooLong(name)) {
                        continue;
                    }
                    String kept = Identifiers.truncate(name);
                    String other = byTruncated.putIfAbsent(kept, name);
                    if (other != null && !other.equals(name)) {
                        messages.add(name + " and " + other + " are both " + kept + " to PostgreSQL (63 bytes): one of them fails as a"
                                + " duplicate. Shorten them.");
                    } else if (other == null) {
                        messages.add(name + " is longer than 63 bytes: PostgreSQL keeps " + kept + ". Write that, so the changelog says what"
                                + " the database holds; and if it comes from an entity, shorten it there too: Hibernate's validate looks for"
                                + " the whole name and does not find it.");
                    }
                }
            }
            return messages;
        }
    }

    private static List<ColumnConfig> columns(Change change) {
        if (change instanceof CreateTableChange create) {
            return new java.util.ArrayList<>(create.getColumns());
        }
        if (change instanceof AddColumnChange add) {
            return new java.util.ArrayList<>(add.getColumns());
        }
        return List.of();
    }

    /** The names a change gives to what it creates. */
    private static List<String> names(Change change) {
        List<String> names = new java.util.ArrayList<>();
        if (change instanceof CreateTableChange create) {
            names.add(create.getTableName());
        }
        columns(change).forEach(c -> {
            names.add(c.getName());
            if (c.getConstraints() != null) {
                names.add(c.getConstraints().getPrimaryKeyName());
                names.add(c.getConstraints().getForeignKeyName());
                names.add(c.getConstraints().getUniqueConstraintName());
            }
        });
        if (change instanceof CreateIndexChange index) names.add(index.getIndexName());
        if (change instanceof AddForeignKeyConstraintChange fk) names.add(fk.getConstraintName());
        if (change instanceof AddUniqueConstraintChange unique) names.add(unique.getConstraintName());
        if (change instanceof AddPrimaryKeyChange pk) names.add(pk.getConstraintName());
        if (change instanceof RenameTableChange rename) names.add(rename.getNewTableName());
        if (change instanceof RenameColumnChange rename) names.add(rename.getNewColumnName());
        if (change instanceof CreateSequenceChange sequence) names.add(sequence.getSequenceName());
        return names;
    }
}
