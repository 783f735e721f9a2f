package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.DefinedColumn;

/** HY112: prefer bigint for keys. */
final class IntegerKey extends ChosenTypeRule {

    IntegerKey() {
        super("HY112", "integer-key", "An integer or smallint key (or identity, or serial) runs out: at 2^31 rows inserted the table"
                        + " stops taking rows, and widening it rewrites the table and every table that references it.",
                "(int|int4|integer|smallint|int2|serial|serial4|smallserial|serial2)");
    }

    @Override
    String message(DefinedColumn column, String written) {
        if (!column.primaryKey() && !column.definition().generated()) {
            return null;
        }
        String limit = written.contains("small") || written.endsWith("2") ? "32767" : "2147483647";
        return "defines the key " + column.table() + "." + column.name() + " as " + written + ", which runs out at " + limit + ": use bigint.";
    }
}
