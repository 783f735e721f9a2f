package io.sark.migrate.cli;

import io.sark.migrate.engine.ChangeSetStatus;
import io.sark.migrate.diagnostics.MigrationListener;
import io.sark.migrate.engine.RevisionStatus;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

@Command(name = "history",
        description = "List every revision in order, applied or pending, with when it was applied"
                + " (with --verbose, each revision's changesets too).",
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./sark-migrate history",
                "  ./sark-migrate history --verbose",
                "  ./sark-migrate history --json",
        })
final class HistoryCommand extends DatabaseCommand {

    @Override
    public Integer call() {
        try (Session session = openSession(MigrationListener.NONE)) {
            List<RevisionStatus> history = session.migrator.history();
            PrintWriter out = out();
            if (json()) {
                Output.json(out, Map.of("revisions", history));
            } else {
                print(history, app.verbose, out);
            }
            return ExitCodes.OK;
        }
    }

    private static void print(List<RevisionStatus> history, boolean changeSets, PrintWriter out) {
        int width = Math.max("REVISION".length(), history.stream().mapToInt(r -> r.id().length()).max().orElse(0));
        out.printf("%-" + width + "s  %-8s  %s%n", "REVISION", "STATE", "APPLIED AT");
        for (RevisionStatus revision : history) {
            out.printf("%-" + width + "s  %-8s  %s%s%n", revision.id(), revision.state(),
                    revision.appliedAt() == null ? "-" : revision.appliedAt(), revision.current() ? "  (current)" : "");
            if (changeSets) {
                for (ChangeSetStatus cs : revision.changeSets()) {
                    String bound = (cs.contexts() == null ? "" : "[context " + cs.contexts() + "] ")
                            + (cs.labels() == null ? "" : "[labels " + cs.labels() + "] ");
                    out.printf("    %-" + (width + 6) + "s  %-19s  %s%n", cs.id(),
                            cs.appliedAt() == null ? "pending" : cs.appliedAt(), bound + (cs.comment() == null ? "" : cs.comment()));
                }
            }
        }
        out.flush();
    }
}
