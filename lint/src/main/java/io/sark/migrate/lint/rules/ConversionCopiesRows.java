package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/**
 * TS104: converting a table that has rows into a hypertable ({@code migrate_data => TRUE}) holds ACCESS EXCLUSIVE on it
 * while every row is copied into chunks. Measured on TimescaleDB 2.28.3: writers waited about 13 s for 200,000 rows
 * (9.7 s of it the copy), and the time grows with the table.
 */
final class ConversionCopiesRows extends Rule {

    ConversionCopiesRows() {
        super("TS104", "conversion-copies-rows", Severity.WARNING,
                "Converting a table with rows into a hypertable blocks its reads and writes while every row is copied into chunks.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.CONVERT_TO_HYPERTABLE && fact.has(Fact.Flag.COPIES_ROWS) && context.existing(fact.table())) {
                out.add("makes a hypertable of " + fact.table() + " with migrate_data => TRUE: reads and writes of " + fact.table()
                        + " wait while every row is copied into chunks (about 13 s for 200,000 rows on TimescaleDB 2.28.3, growing"
                        + " with the table). Convert while the table is small, or in a maintenance window, and say so in the comment.");
            }
        });
    }
}
