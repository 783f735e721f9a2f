package io.sark.migrate.generate;

import io.sark.migrate.diff.SchemaChange.CreateTable;
import io.sark.migrate.diff.SchemaChange.DropTable;
import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.schema.Identifiers;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes changes as Liquibase changesets in YAML, for people to review: one change per changeset, its comment the
 * change in plain words, its rollback explicit. Same changes in, same bytes out.
 */
public final class ChangesetWriter {

    private ChangesetWriter() {
    }

    /** The changesets (without the file's header) for {@code changes}, numbered {@code revisionId-1}, {@code -2}, … */
    public static String write(String revisionId, String author, List<SchemaChange> changes) {
        return write(revisionId, author, changes, Set.of());
    }

    /**
     * As {@link #write(String, String, List)}, knowing which tables are TimescaleDB hypertables: TimescaleDB refuses
     * to build or drop their indexes CONCURRENTLY.
     */
    public static String write(String revisionId, String author, List<SchemaChange> changes, Set<String> hypertables) {
        Set<String> newTables = new HashSet<>();
        Set<String> droppedTables = new HashSet<>();
        for (SchemaChange change : changes) {
            if (change instanceof CreateTable c) {
                newTables.add(c.table().name());
            }
            if (change instanceof DropTable c) {
                droppedTables.add(c.table().name());
            }
        }
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (SchemaChange change : changes) {
            for (ChangePlanner.Planned planned : ChangePlanner.plan(change, newTables, droppedTables, hypertables)) {
                n++;
                out.append('\n');
                out.append("  - changeSet:\n");
                out.append("      id: ").append(Yaml.scalar(revisionId + "-" + n)).append('\n');
                out.append("      author: ").append(Yaml.scalar(author)).append('\n');
                out.append("      comment: ").append(Yaml.scalar(Identifiers.display(planned.comment()))).append('\n');
                if (!planned.inTransaction()) {
                    out.append("      runInTransaction: false\n");
                }
                out.append("      changes:\n");
                for (ChangeSteps.Step step : planned.forward()) {
                    Yaml.item(out, 8, step.type(), step.fields());
                }
                if (planned.rollback().isEmpty()) {
                    out.append("      rollback: []\n");
                } else {
                    out.append("      rollback:\n");
                    for (ChangeSteps.Step step : planned.rollback()) {
                        Yaml.item(out, 8, step.type(), step.fields());
                    }
                }
            }
        }
        return out.toString();
    }
}
