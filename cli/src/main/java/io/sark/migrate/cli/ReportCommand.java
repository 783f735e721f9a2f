package io.sark.migrate.cli;

import io.sark.migrate.diagnostics.MigrationListener;
import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.engine.RevisionState;
import io.sark.migrate.engine.RevisionStatus;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.generate.Autogenerate;
import io.sark.migrate.lint.Finding;
import io.sark.migrate.lint.Linter;
import io.sark.migrate.lint.RuleRegistry;
import io.sark.migrate.lint.Severity;
import io.sark.migrate.postgres.DatabaseIdentity;
import io.sark.migrate.postgres.catalog.CatalogSchemaReader;
import io.sark.migrate.report.HtmlReport;
import io.sark.migrate.schema.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "report",
        description = {
                "Write one self-contained HTML page of the schema: an entity-relationship diagram of every table, each table's"
                        + " columns, keys, indexes and comments, the revisions (applied when, or pending), what check finds"
                        + " (drift) and the lint findings. Nothing on the page is fetched: it works offline and as a CI artifact.",
                "With a database configured, draws that database and checks it against the entities; with none, draws the"
                        + " changelog replayed into a shadow database (as check compares it) and lists the revisions of the"
                        + " embedded database. Exit 1 when check finds differences, as check does; the page is written either way."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./sark-migrate report --html schema.html",
                "  ./sark-migrate report --html prod-schema.html --url jdbc:postgresql://db:5432/sark --password-file /run/secrets/pg",
        })
final class ReportCommand extends DatabaseCommand {

    @Mixin
    EntityOptions entities;

    @Mixin
    ShadowOptions shadow;

    @Option(names = "--html", paramLabel = "FILE", required = true, description = "Where to write the page (replaced if it exists).")
    Path html;

    /** What was written, for --json. */
    record Written(String file, int tables, String drawn, List<String> differences, Integer pendingRevisions, long lintErrors,
                   long lintWarnings, String generatedAt, DatabaseIdentity database) {
    }

    @Override
    public Integer call() {
        Path file = app.context.workingDirectory().resolve(html).toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw new UsageException("--html " + html + " is a folder: name the page's file, e.g. " + html.resolve("schema.html") + ".");
        }
        if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            throw new UsageException("--html " + html + ": no folder " + file.getParent() + " to write it in.");
        }
        Instant now = Instant.now();
        Changelog changelog = database.changelog(app.context);
        List<Finding> findings = new Linter(RuleRegistry.standard(), Map.of()).lint(changelog, null).findings();
        boolean configured = database.configured(app.context).isPresent();

        List<RevisionStatus> revisions = null;
        String revisionsOf = "no database configured; sark-migrate from its release archive keeps no embedded one unless --embedded-dir names it";
        Schema behind = null;
        DatabaseIdentity identity = null;
        int pending = 0;
        if (configured || !app.context.installed() || database.embeddedDir != null) {
            try (Session session = openSession(MigrationListener.NONE)) {
                revisions = session.migrator.history();
                pending = (int) revisions.stream().filter(r -> r.state() != RevisionState.APPLIED).count();
                revisionsOf = configured ? "the database" : "the embedded database (" + session.database.describe() + ")";
                try (Connection c = session.database.connect()) {
                    identity = configured ? DatabaseIdentity.read(c, session.database.describe()) : null;
                    if (configured && pending > 0) {
                        behind = CatalogSchemaReader.read(c);
                    }
                } catch (SQLException e) {
                    throw new MigrationException("Could not read the catalog of " + session.database.describe() + ": " + e.getMessage(), e);
                }
            }
        }

        Schema schema;
        String source;
        HtmlReport.Drift drift;
        List<String> differences;
        if (behind != null) {
            // check compares a database at head only: draw what it holds, and say why there is no drift
            schema = behind;
            source = "the database " + identity.describe() + " (PostgreSQL " + identity.serverVersion() + "), " + pending + " revision(s) behind";
            drift = null;
            differences = null;
        } else {
            try (Autogenerate.Result comparison = Comparison.run(app.context, database, entities, shadow, err(), json())) {
                schema = comparison.current();
                differences = comparison.changes().stream().map(SchemaChange::describe).toList();
                drift = new HtmlReport.Drift(comparison.live() ? "the database" : "the changelog", differences);
                source = comparison.live() ? "the database " + identity.describe() + " (PostgreSQL " + identity.serverVersion() + ")"
                        : "the changelog (" + changelog.describe() + ") replayed into a shadow database";
            }
        }
        String title = identity != null ? identity.database() : "schema";
        write(file, HtmlReport.render(new HtmlReport.Contents(title, source, now, schema, revisions, revisionsOf, drift, findings)));

        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.size() - errors;
        if (json()) {
            Output.json(out(), new Written(file.toString(), schema.tables().size(), source, differences, revisions == null ? null : pending,
                    errors, warnings, now.toString(), identity));
        } else {
            Map<String, String> parts = new LinkedHashMap<>();
            parts.put("tables", schema.tables().size() + " table(s)");
            if (revisions != null) {
                parts.put("revisions", pending == 0 ? "no revision pending" : pending + " revision(s) pending");
            }
            parts.put("drift", differences == null ? "drift not checked (the database is behind the changelog: upgrade it first)"
                    : differences.isEmpty() ? "no drift" : differences.size() + " difference(s) from the entities");
            parts.put("lint", errors + " lint error(s), " + warnings + " warning(s)");
            out().println("Wrote " + html + ": " + String.join(", ", parts.values()) + ".");
        }
        return differences != null && !differences.isEmpty() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** Written beside and moved into place, so that a watcher serving the page never sees half of it. */
    private static void write(Path file, String page) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.writeString(partial, page, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the first failure is the one to report
            }
            throw new UsageException("Cannot write " + file + ": " + e.getMessage() + ". Give --html a file in a folder you can write.");
        }
    }
}
