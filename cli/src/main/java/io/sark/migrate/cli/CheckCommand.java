package io.sark.migrate.cli;

import io.sark.migrate.diff.SchemaChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;

@Command(name = "check",
        description = {
                "Tell whether the entities and the changelog agree: exit 0 when they do, 1 with the differences when they"
                        + " don't (a forgotten migration). The CI gate.",
                "Compares with a shadow database the changelog is replayed into (no database needed), or with the"
                        + " configured database when there is one."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./sark-migrate check",
                "  ./sark-migrate check --json",
        })
final class CheckCommand extends DatabaseCommand {

    @Mixin
    EntityOptions entities;

    @Mixin
    ShadowOptions shadow;

    /** The verdict, for --json: the differences, and (not counted as such) the constraints and indexes named otherwise. */
    record Result(boolean agree, int tables, int enumTypes, List<String> differences, List<String> nameOnly, List<String> kept) {
    }

    @Override
    public Integer call() {
        try (Comparison comparison = Comparison.run(app.context, database, entities, shadow, err(), json())) {
            List<String> differences = comparison.changes.stream().map(SchemaChange::describe).toList();
            Result result = new Result(differences.isEmpty(), comparison.desired.tables().size(),
                    comparison.desired.enumTypes().size(), differences, comparison.nameOnly.stream().map(SchemaChange::describe).toList(),
                    comparison.kept.stream().map(SchemaChange::describe).toList());
            if (json()) {
                Output.json(out(), result);
            } else if (result.agree()) {
                out().println("The entities and the " + compared(comparison) + " agree (" + result.tables() + " tables, "
                        + result.enumTypes() + " enum types).");
            } else {
                out().println("The entities and the " + compared(comparison) + " differ; the " + compared(comparison) + " needs:");
                differences.forEach(d -> out().println("  - " + d));
                out().println("Generate the missing revision with: ./sark-migrate revision -m \"<what changed>\" --autogenerate"
                        + (comparison.live ? " (or, if the database drifted from its changelog, set it right: 'validate --target'"
                        + " and 'history' say how it stands)" : ""));
            }
            return result.agree() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** What the entities were compared with: the configured database itself, or the changelog (replayed into a shadow). */
    private static String compared(Comparison comparison) {
        return comparison.live ? "database" : "changelog";
    }
}
