package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import liquibase.change.Change;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.ModifyDataTypeChange;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** DS1xx: changes that destroy data. */
final class Destructive {

    private Destructive() {
    }

    /** DS101: dropping a table loses every row in it. */
    static final class DropTable extends Rule {
        DropTable() {
            super("DS101", "drop-table", Severity.ERROR, "Dropping a table loses its rows; the rollback brings back an empty table.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            List<String> messages = forEachChange(context, (change, out) -> {
                if (change instanceof DropTableChange drop) {
                    out.add("drops table " + drop.getTableName() + " and every row in it: archive the data first, then allow DS101 with the reason.");
                }
            });
            for (String sql : context.sql()) {
                Matcher m = Pattern.compile("drop table(?: if exists)?\\s+([a-z_][a-z0-9_.]*)").matcher(sql);
                while (m.find()) {
                    messages.add("drops table " + m.group(1) + " and every row in it: archive the data first, then allow DS101 with the reason.");
                }
            }
            return messages;
        }
    }

    /** DS102: dropping a column loses its values. */
    static final class DropColumn extends Rule {
        DropColumn() {
            super("DS102", "drop-column", Severity.ERROR, "Dropping a column loses its values, and breaks an application that still reads it.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            List<String> messages = forEachChange(context, (change, out) -> {
                if (change instanceof DropColumnChange drop) {
                    out.add("drops column " + drop.getTableName() + "." + drop.getColumnName() + ": first deploy an application that no"
                            + " longer reads it (expand/contract), then allow DS102 with the reason.");
                }
            });
            for (String sql : context.sql()) {
                Matcher m = Pattern.compile("alter table(?: only)?\\s+([a-z_][a-z0-9_.]*)\\s+drop column(?: if exists)?\\s+\"?([a-z_][a-z0-9_]*)").matcher(sql);
                while (m.find()) {
                    messages.add("drops column " + m.group(1) + "." + m.group(2) + ": first deploy an application that no longer reads it.");
                }
            }
            return messages;
        }
    }

    /** DS103: dropping an enum type. */
    static final class DropEnumType extends Rule {
        DropEnumType() {
            super("DS103", "drop-enum-type", Severity.WARNING, "Dropping an enum type fails while a column uses it, and loses its labels.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            return context.sql().stream()
                    .flatMap(sql -> Pattern.compile("drop type(?: if exists)?\\s+([a-z_][a-z0-9_.]*)").matcher(sql).results())
                    .map(m -> "drops enum type " + m.group(1) + ": make sure no column, default or function uses it.")
                    .toList();
        }
    }

    /** DS104: a type change that narrows loses data (or fails on it). */
    static final class NarrowingType extends Rule {
        NarrowingType() {
            super("DS104", "narrowing-type", Severity.ERROR, "Narrowing a column's type truncates or rejects the values that do not fit.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            return forEachChange(context, (change, out) -> {
                if (change instanceof ModifyDataTypeChange modify) {
                    String before = TypeChanges.previousType(context, modify);
                    if (before != null && TypeChanges.narrows(before, modify.getNewDataType())) {
                        out.add("narrows " + modify.getTableName() + "." + modify.getColumnName() + " from " + before + " to "
                                + modify.getNewDataType() + ": values that do not fit fail the migration, or are cut; check them first.");
                    }
                }
            });
        }
    }

    static boolean isDrop(Change change) {
        return change instanceof DropTableChange || change instanceof DropColumnChange;
    }
}
