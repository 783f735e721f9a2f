package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.DefinedColumn;

/** HY110: prefer an identity column to a serial. */
final class SerialColumn extends ChosenTypeRule {

    SerialColumn() {
        super("HY110", "serial-column", "A serial column owns a sequence with its own permissions and ownership, and lets any insert"
                + " write its own value; an identity column does neither.",
                "(small|big)?serial[248]?");
    }

    @Override
    String message(DefinedColumn column, String written) {
        return "defines " + column.table() + "." + column.name() + " as " + written + ": use bigint GENERATED ALWAYS AS IDENTITY.";
    }
}
