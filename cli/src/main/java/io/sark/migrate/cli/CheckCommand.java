package io.sark.migrate.cli;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.generate.Autogenerate;
import io.sark.migrate.postgres.DatabaseIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

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

    @Option(names = "--accept", paramLabel = "FILE",
            description = "Record today's differences in FILE (kept beside the changelog, reviewed like it) and exit 0: later checks"
                    + " with --accepted FILE report only the others. For adopting the gate in a project whose database differs.")
    Path accept;

    @Option(names = "--accepted", paramLabel = "FILE",
            description = "Report only differences FILE does not list (written by --accept); say which listed ones are gone.")
    Path accepted;

    /**
     * The verdict, for --json: the differences, and (not counted as such) the constraints and indexes named otherwise;
     * when it was reached, what was compared ("database" or "changelog"), and which database (null for a shadow), so
     * that a drift watch's log says what it watched.
     */
    record Result(boolean agree, int tables, int enumTypes, List<String> differences, List<String> nameOnly, List<String> kept,
                  List<String> accepted, String checkedAt, String compared, DatabaseIdentity database) {
    }

    @Override
    public Integer call() {
        if (accept != null && accepted != null) {
            throw new UsageException("--accept and --accepted: record the differences, or check against a record, not both.");
        }
        Set<String> acceptedDifferences = accepted == null ? Set.of()
                : AcceptedDifferences.read(app.context.workingDirectory().resolve(accepted));
        try (Autogenerate.Result comparison = Comparison.run(app.context, database, entities, shadow, err(), json())) {
            List<String> found = comparison.changes().stream().map(SchemaChange::describe).toList();
            if (accept != null) {
                AcceptedDifferences.write(app.context.workingDirectory().resolve(accept), found);
                err().println("Recorded " + found.size() + " difference(s) in " + accept + ": 'check --accepted " + accept
                        + "' reports only the others.");
                err().flush();
            }
            List<String> differences = accept != null ? List.of() : AcceptedDifferences.unaccepted(found, acceptedDifferences);
            for (String gone : AcceptedDifferences.gone(found, acceptedDifferences)) {
                err().println("notice: accepted in " + accepted + " and no longer found (remove the line): " + gone);
            }
            if (!acceptedDifferences.isEmpty() && found.size() > differences.size()) {
                err().println("notice: " + (found.size() - differences.size()) + " difference(s) accepted in " + accepted + " left out.");
            }
            err().flush();
            Result result = new Result(differences.isEmpty(), comparison.desired().tables().size(),
                    comparison.desired().enumTypes().size(), differences, comparison.nameOnly().stream().map(SchemaChange::describe).toList(),
                    comparison.kept().stream().map(SchemaChange::describe).toList(),
                    found.stream().filter(d -> accept != null || acceptedDifferences.contains(d)).toList(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), compared(comparison), json() ? identity(comparison) : null);
            if (json()) {
                Output.json(out(), result);
            } else if (result.agree()) {
                out().println("The entities and the " + compared(comparison) + " agree (" + result.tables() + " tables, "
                        + result.enumTypes() + " enum types).");
            } else {
                out().println("The entities and the " + compared(comparison) + " differ; the " + compared(comparison) + " needs:");
                differences.forEach(d -> out().println("  - " + d));
                out().println("Generate the missing revision with: " + app.context.invocations().of("revision",
                        given(DatabaseOptions.class, EntityOptions.class, ShadowOptions.class), "-m", "\"<what changed>\"", "--autogenerate")
                        + passwordLeftOut()
                        + (comparison.live() ? " (or, if the database drifted from its changelog, set it right: 'validate --target'"
                        + " and 'history' say how it stands)" : ""));
            }
            return result.agree() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** The database compared with, or null for a shadow. */
    static DatabaseIdentity identity(Autogenerate.Result comparison) {
        if (!comparison.live()) {
            return null;
        }
        try (Connection c = comparison.database().connect()) {
            return DatabaseIdentity.read(c, comparison.database().describe());
        } catch (SQLException e) {
            throw new MigrationException("Could not read which database " + comparison.database().describe() + " is: " + e.getMessage(), e);
        }
    }

    /** What the entities were compared with: the configured database itself, or the changelog (replayed into a shadow). */
    private static String compared(Autogenerate.Result comparison) {
        return comparison.live() ? "database" : "changelog";
    }
}
