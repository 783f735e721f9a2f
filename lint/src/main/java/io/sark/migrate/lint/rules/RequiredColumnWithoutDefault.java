package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;

import java.util.List;

/** MF101: a NOT NULL column without a default cannot be added to a table with rows. */
final class RequiredColumnWithoutDefault extends Rule {
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
