package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import liquibase.change.ColumnConfig;
import liquibase.change.core.ModifyDataTypeChange;

import java.util.List;

/** HY104: a column of type oid (what Hibernate 6 makes of a {@code @Lob} on PostgreSQL). */
final class LargeObjectColumn extends Rule {
    LargeObjectColumn() {
        super("HY104", "large-object-column", Severity.WARNING,
                "An oid column points at a large object, which is not deleted with its row: deleted rows leave their data behind.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachChange(context, (change, messages) -> {
            for (ColumnConfig column : CreatedNames.columns(change)) {
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
