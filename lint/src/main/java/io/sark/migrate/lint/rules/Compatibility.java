package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import liquibase.change.core.AddNotNullConstraintChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameTableChange;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** BC1xx: changes the running application may not survive. */
final class Compatibility {

    private Compatibility() {
    }

    /** BC101: renaming a table breaks the application that uses the old name. */
    static final class RenameTable extends Rule {
        RenameTable() {
            super("BC101", "rename-table", Severity.ERROR, "Renaming a table breaks every running query that names it.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            return forEachChange(context, (change, out) -> {
                if (change instanceof RenameTableChange rename) {
                    out.add("renames table " + rename.getOldTableName() + " to " + rename.getNewTableName() + ": the running application"
                            + " still uses the old name; add the new name alongside (a view), deploy, then rename.");
                }
            });
        }
    }

    /** BC102: renaming a column breaks the application that uses the old name. */
    static final class RenameColumn extends Rule {
        RenameColumn() {
            super("BC102", "rename-column", Severity.ERROR, "Renaming a column breaks every running query that names it.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            return forEachChange(context, (change, out) -> {
                if (change instanceof RenameColumnChange rename) {
                    out.add("renames column " + rename.getTableName() + "." + rename.getOldColumnName() + " to " + rename.getNewColumnName()
                            + ": deploy an application that reads both first (expand/contract), then allow BC102 with the reason.");
                }
            });
        }
    }

    /** BC103: a NOT NULL on an existing column rejects the running application's NULL writes, and scans the table. */
    static final class NotNullOnExistingColumn extends Rule {
        NotNullOnExistingColumn() {
            super("BC103", "not-null-on-existing-column",  Severity.WARNING,
                    "SET NOT NULL on an existing column fails on NULLs already there, scans the table under an exclusive lock,"
                            + " and rejects the running application's NULL writes.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            List<String> messages = forEachChange(context, (change, out) -> {
                if (change instanceof AddNotNullConstraintChange notNull && context.existing(notNull.getTableName())) {
                    out.add("makes " + notNull.getTableName() + "." + notNull.getColumnName() + " NOT NULL: backfill it first, and add a"
                            + " CHECK (" + notNull.getColumnName() + " IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL (no scan).");
                }
            });
            for (String sql : context.sql()) {
                Matcher m = Pattern.compile("alter table(?: only)?\\s+([a-z_][a-z0-9_.]*)\\s+alter column\\s+\"?([a-z_][a-z0-9_]*)\"?\\s+set not null").matcher(sql);
                while (m.find()) {
                    if (context.existing(m.group(1))) {
                        messages.add("makes " + m.group(1) + "." + m.group(2) + " NOT NULL: backfill it, validate a NOT VALID check first.");
                    }
                }
            }
            return messages;
        }
    }
}
