package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddForeignKeyConstraintChange;
import liquibase.change.core.AddUniqueConstraintChange;
import liquibase.change.core.CreateIndexChange;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MF1xx: changes that may fail on the data an existing table already holds. */
final class ExistingData {

    private ExistingData() {
    }

    /** MF101: a NOT NULL column without a default cannot be added to a table with rows. */
    static final class RequiredColumnWithoutDefault extends Rule {
        RequiredColumnWithoutDefault() {
            super("MF101", "required-column-without-default", Severity.ERROR,
                    "Adding a NOT NULL column without a default fails on a table that has rows.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            return forEachChange(context, (change, out) -> {
                if (change instanceof AddColumnChange add && context.existing(add.getTableName())) {
                    for (ColumnConfig column : add.getColumns()) {
                        boolean required = column.getConstraints() != null && Boolean.FALSE.equals(column.getConstraints().isNullable());
                        boolean defaulted = column.getDefaultValueObject() != null;
                        if (required && !defaulted) {
                            out.add("adds NOT NULL column " + add.getTableName() + "." + column.getName() + " without a default: give it a"
                                    + " constant default, or add it nullable, backfill, then set NOT NULL.");
                        }
                    }
                }
            });
        }
    }

    /** MF102: a UNIQUE constraint or index on an existing table fails on duplicates already there. */
    static final class UniqueOnExistingTable extends Rule {
        UniqueOnExistingTable() {
            super("MF102", "unique-on-existing-table", Severity.WARNING,
                    "A UNIQUE constraint or unique index on an existing table fails when duplicates are already there.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            List<String> messages = forEachChange(context, (change, out) -> {
                if (change instanceof AddUniqueConstraintChange unique && context.existing(unique.getTableName())) {
                    out.add("adds UNIQUE " + unique.getConstraintName() + " to existing table " + unique.getTableName()
                            + ": check for duplicates first (SELECT … GROUP BY " + unique.getColumnNames() + " HAVING count(*) > 1).");
                }
                if (change instanceof CreateIndexChange index && Boolean.TRUE.equals(index.isUnique()) && context.existing(index.getTableName())) {
                    out.add("creates unique index " + index.getIndexName() + " on existing table " + index.getTableName() + ": check for duplicates first.");
                }
            });
            for (String sql : context.sql()) {
                Matcher m = Pattern.compile("create unique index(?: concurrently)?(?: if not exists)?\\s+(\\S+)\\s+on(?: only)?\\s+([a-z_][a-z0-9_.]*)").matcher(sql);
                while (m.find()) {
                    if (context.existing(m.group(2))) {
                        messages.add("creates unique index " + m.group(1) + " on existing table " + m.group(2) + ": check for duplicates first.");
                    }
                }
            }
            return messages;
        }
    }

    /** MF103: a foreign key checked at once scans the table under lock and fails on orphans. */
    static final class ForeignKeyWithoutNotValid extends Rule {
        ForeignKeyWithoutNotValid() {
            super("MF103", "foreign-key-without-not-valid", Severity.WARNING,
                    "A foreign key added to an existing table is checked at once: a full scan under lock, and a failure on any orphan row.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            List<String> messages = forEachChange(context, (change, out) -> {
                if (change instanceof AddForeignKeyConstraintChange fk && context.existing(fk.getBaseTableName())
                        && !Boolean.FALSE.equals(fk.getValidate())) {
                    out.add("adds foreign key " + fk.getConstraintName() + " to existing table " + fk.getBaseTableName()
                            + ": add it NOT VALID, then VALIDATE CONSTRAINT in a changeset of its own.");
                }
            });
            for (String sql : context.sql()) {
                Matcher m = Pattern.compile("alter table(?: only)?\\s+([a-z_][a-z0-9_.]*)\\s+add constraint\\s+(\\S+)\\s+foreign key[^;]*").matcher(sql);
                while (m.find()) {
                    if (context.existing(m.group(1)) && !m.group().contains("not valid")) {
                        messages.add("adds foreign key " + m.group(2) + " to existing table " + m.group(1) + ": add it NOT VALID, then VALIDATE it.");
                    }
                }
            }
            return messages;
        }
    }

    /** MF104: a check constraint checked at once scans the table under lock and fails on rows that break it. */
    static final class CheckWithoutNotValid extends Rule {
        CheckWithoutNotValid() {
            super("MF104", "check-without-not-valid", Severity.WARNING,
                    "A check constraint added to an existing table is checked at once: a full scan under lock, and a failure on any row that breaks it.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            List<String> messages = new java.util.ArrayList<>();
            for (String sql : context.sql()) {
                Matcher m = Pattern.compile("alter table(?: only)?\\s+([a-z_][a-z0-9_.]*)\\s+add constraint\\s+(\\S+)\\s+check\\s*\\([^;]*").matcher(sql);
                while (m.find()) {
                    if (context.existing(m.group(1)) && !m.group().contains("not valid")) {
                        messages.add("adds check " + m.group(2) + " to existing table " + m.group(1) + ": add it NOT VALID, then VALIDATE it.");
                    }
                }
            }
            return messages;
        }
    }
}
