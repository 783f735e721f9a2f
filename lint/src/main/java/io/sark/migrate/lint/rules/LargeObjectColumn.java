package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.ChangeFacts;
import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import liquibase.change.ColumnConfig;
import liquibase.change.core.CreateTableChange;

import java.util.List;

/** HY104: a column of type oid (what Hibernate 6 makes of a {@code @Lob} on PostgreSQL). */
final class LargeObjectColumn extends Rule {

    private static final String ADVICE = ": its large object outlives the row (nothing deletes it without lo_unlink or the lo"
            + " extension's trigger). For @Lob String map text (@JdbcTypeCode(SqlTypes.LONG32VARCHAR) or columnDefinition = \"text\");"
            + " for @Lob byte[] map bytea (@JdbcTypeCode(SqlTypes.VARBINARY)).";

    LargeObjectColumn() {
        super("HY104", "large-object-column", Severity.WARNING,
                "An oid column points at a large object, which is not deleted with its row: deleted rows leave their data behind.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachChange(context, (change, messages) -> {
            if (change instanceof CreateTableChange create) {
                for (ColumnConfig column : create.getColumns()) {
                    if (oid(column.getType())) {
                        messages.add("column " + column.getName() + " is an oid" + ADVICE);
                    }
                }
            }
            for (Fact fact : ChangeFacts.of(change)) {
                if (fact.operation() == Operation.ADD_COLUMN && fact.column() != null && oid(fact.column().type())) {
                    messages.add("column " + fact.name() + " is an oid" + ADVICE);
                }
                if (fact.operation() == Operation.ALTER_COLUMN_TYPE && oid(TypeChanges.newType(fact))) {
                    messages.add("column " + fact.name() + " becomes an oid: its large object outlives the row.");
                }
            }
        });
    }

    private static boolean oid(String type) {
        return type != null && type.strip().equalsIgnoreCase("oid");
    }
}
