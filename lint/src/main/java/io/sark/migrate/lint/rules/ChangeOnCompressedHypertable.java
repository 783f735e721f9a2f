package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.ChangeFacts;
import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import liquibase.change.Change;

import java.util.ArrayList;
import java.util.List;

/** TS102: a schema change on a compressed hypertable. */
final class ChangeOnCompressedHypertable extends Rule {

    ChangeOnCompressedHypertable() {
        super("TS102", "change-on-compressed-hypertable", Severity.WARNING, "Many schema changes fail on a hypertable with compressed chunks, or must decompress them first.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        List<String> messages = new ArrayList<>();
        for (Change change : context.changes()) {
            List<Fact> facts = ChangeFacts.of(change);
            // TimescaleDB's own calls (policies, compression settings) are how a compressed hypertable is managed.
            if (facts.stream().anyMatch(f -> f.operation() == Operation.TIMESCALE_POLICY || f.operation() == Operation.SET_TABLE_OPTION
                    && f.name() != null && f.name().startsWith("timescaledb."))) {
                continue;
            }
            for (String table : ChangeFacts.tables(facts)) {
                if (context.compressedTables().contains(table)) {
                    messages.add("changes compressed hypertable " + table + ": check that TimescaleDB allows this change on"
                            + " compressed chunks, or decompress them first (and recompress after).");
                }
            }
        }
        return messages;
    }
}
