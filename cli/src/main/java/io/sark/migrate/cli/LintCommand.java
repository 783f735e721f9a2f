package io.sark.migrate.cli;

import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.lint.Finding;
import io.sark.migrate.lint.LintFormats;
import io.sark.migrate.lint.LintReport;
import io.sark.migrate.lint.LintRule;
import io.sark.migrate.lint.LintUnit;
import io.sark.migrate.lint.Linter;
import io.sark.migrate.lint.MigrationFiles;
import io.sark.migrate.lint.Review;
import io.sark.migrate.report.ReviewDiagrams;
import io.sark.migrate.lint.RuleRegistry;
import io.sark.migrate.lint.Severity;
import liquibase.changelog.ChangeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

@Command(name = "lint",
        description = {
                "Check the changelog's changesets for what hurts a live PostgreSQL: data loss, changes the running application"
                        + " cannot survive, changes that fail on existing data, long locks, and unreviewable changesets.",
                "Given PATHs, checks those instead: folders and files of plain SQL migrations (Flyway's V<version>__*.sql in"
                        + " version order, others by name) and Liquibase changelogs in any format.",
                "Exit 1 when an error-level finding is present. A changeset allows a rule in its comment, with a reason:"
                        + " 'sark-lint: allow DS101 because the table was archived in 012'; a SQL file, in a comment line"
                        + " ('-- sark-lint: allow DS101 because …'). Needs no database."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  # what a pull request adds", "  ./sark-migrate lint --since 005_audit_events_hypertable",
                "  ./sark-migrate lint --severity LK105=error --json",
                "  # another project's migrations, annotated on a GitHub pull request",
                "  ./sark-migrate lint src/main/resources/db/migration --format github",
                "  ./sark-migrate lint db/changelog.xml --format sarif > lint.sarif",
                "  # list the rules", "  ./sark-migrate lint --rules",
        })
final class LintCommand extends DatabaseCommand {

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "SQL files, Liquibase changelogs, or folders of them, to check instead of the project's changelog.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json (as --json), sarif (SARIF 2.1.0, for"
            + " code-scanning upload) or github (GitHub Actions annotations on file and line).")
    String format;

    @Option(names = "--postgres-version", paramLabel = "MAJOR", description = "The PostgreSQL major version the migrations run on"
            + " (default: ${DEFAULT-VALUE}): before 11 a column's constant default rewrites its table, before 12 SET NOT NULL"
            + " scans it even after a validated CHECK.", defaultValue = "" + Linter.DEFAULT_POSTGRES)
    int postgresVersion;

    @Option(names = "--since", paramLabel = "REVISION", description = "Report only this revision and the ones after it (default: all).")
    String since;

    @Option(names = "--severity", paramLabel = "CODE=LEVEL", split = ",",
            description = "Change a rule's severity: error, warning or off (e.g. LK105=error,HY102=off).")
    Map<String, String> severityOverrides = new HashMap<>();

    @Option(names = "--rules", description = "List the rules, with their codes, severities and what they catch, and exit.")
    boolean listRules;

    @Option(names = "--report", description = "Print the review a pull request needs (Markdown; JSON with --json): per revision,"
            + " a diagram of the tables it touches and their neighbours (Mermaid, drawn by GitHub and GitLab); per changeset,"
            + " what it does, its SQL and its rollback's, the strongest lock it takes and on what, and the findings.")
    boolean report;

    /** The findings, for --json. */
    record Result(long errors, long warnings, List<Finding> findings, List<String> boundChangeSets) {
    }

    @Override
    public Integer call() {
        RuleRegistry registry = RuleRegistry.standard();
        PrintWriter out = out();
        if (listRules) {
            if (json()) {
                Output.json(out, registry.all().stream().map(r -> Map.of("code", r.code(), "name", r.name(),
                        "severity", r.defaultSeverity().name().toLowerCase(Locale.ROOT), "summary", r.summary())).toList());
            } else {
                for (LintRule rule : registry.all()) {
                    out.printf("%s  %-36s %-8s %s%n", rule.code(), rule.name(), rule.defaultSeverity().name().toLowerCase(Locale.ROOT), rule.summary());
                }
            }
            return ExitCodes.OK;
        }
        Map<String, Severity> severities = new HashMap<>();
        severityOverrides.forEach((code, level) -> {
            if (registry.byCode(code) == null) {
                throw new UsageException("--severity: no rule " + code + ". List the rules with: sark-migrate lint --rules");
            }
            try {
                severities.put(code, Severity.valueOf(level.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--severity " + code + "=" + level + ": the level is error, warning or off.");
            }
        });
        String format = format();
        if (postgresVersion < 9 || postgresVersion > 99) {
            throw new UsageException("--postgres-version " + postgresVersion + ": give the major version, such as 14.");
        }
        if (!paths.isEmpty()) {
            if (since != null || report) {
                throw new UsageException((since != null ? "--since" : "--report") + " works on the project's changelog: leave out the PATHs,"
                        + " or leave out " + (since != null ? "--since" : "--report") + ".");
            }
            Path here = app.context.workingDirectory();
            for (Path path : paths) {
                if (!Files.exists(here.resolve(path))) {
                    throw new UsageException("No file or folder at " + path + ": give SQL files, Liquibase changelogs, or folders of them.");
                }
            }
            // Read from the working directory, and shown as given: relative to it where the paths given were.
            boolean relative = paths.stream().noneMatch(Path::isAbsolute);
            List<LintUnit> units = MigrationFiles.read(paths.stream().map(here::resolve).toList()).stream()
                    .map(unit -> relative && unit.file() != null && Path.of(unit.file()).isAbsolute()
                            ? new LintUnit(unit.changeSet(), unit.revision(), unit.origin(),
                                    here.relativize(Path.of(unit.file()).normalize()).toString(), unit.line(), unit.changeLines())
                            : unit)
                    .toList();
            LintReport report = new Linter(registry, severities, postgresVersion).lint(units, null);
            print(out, format, registry, report, List.of(), null, units.size());
            return report.errors() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
        }
        Changelog changelog = database.changelog(app.context);
        if (since != null) {
            since = changelog.revisions().resolve(since).id();
        }
        LintReport report = new Linter(registry, severities, postgresVersion).lint(changelog, since);
        if (this.report) {
            List<Review.ChangeSetReview> reviews = Review.of(changelog, report, since);
            if (format.equals("json")) {
                Output.json(out, Map.of("errors", report.errors(), "warnings", report.warnings(), "changeSets", reviews,
                        "diagrams", ReviewDiagrams.mermaid(changelog, since)));
            } else {
                out.print(Review.markdown(reviews, ReviewDiagrams.markdown(changelog, since)));
                out.println(report.errors() + " error(s), " + report.warnings() + " warning(s).");
                out.flush();
            }
        } else {
            print(out, format, registry, report, bound(changelog, since), since, -1);
        }
        return report.errors() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private String format() {
        String chosen = format == null ? (json() ? "json" : "text") : format.toLowerCase(Locale.ROOT);
        if (!Set.of("text", "json", "sarif", "github").contains(chosen)) {
            throw new UsageException("--format " + format + ": the format is text, json, sarif or github.");
        }
        if (format != null && json() && !chosen.equals("json")) {
            throw new UsageException("--json and --format " + format + " ask for two formats: give one.");
        }
        if (report && !Set.of("text", "json").contains(chosen)) {
            throw new UsageException("--report is Markdown, or JSON with --json: --format " + format + " does not apply to it.");
        }
        return chosen;
    }

    /** The findings in {@code format}; {@code migrations}, how many SQL files and changesets were read (-1: the project's changelog). */
    private static void print(PrintWriter out, String format, RuleRegistry registry, LintReport report, List<String> bound, String since,
                              int migrations) {
        switch (format) {
            case "json" -> Output.json(out, new Result(report.errors(), report.warnings(), report.findings(), bound));
            case "sarif" -> Output.json(out, LintFormats.sarif(report, registry, BuildInfo.ofThisBuild().version()));
            case "github" -> {
                LintFormats.github(report).forEach(out::println);
                out.println(report.errors() + " error(s), " + report.warnings() + " warning(s).");
            }
            default -> {
                for (Finding f : report.findings()) {
                    // compiler-style, so editors and terminals link the place: "file:line: level CODE rule  changeset: message"
                    String where = f.file() == null ? "" : f.line() > 0 ? f.file() + ":" + f.line() + ": " : f.file() + ": ";
                    String changeSet = f.file() != null && f.file().endsWith(f.changeSet()) ? "" : "  " + f.changeSet();
                    out.printf("%s%-7s %s %s%s: %s%n", where, LintFormats.word(f.severity()), f.code(), f.rule(), changeSet, f.message());
                }
                out.println(report.errors() + " error(s), " + report.warnings() + " warning(s)"
                        + (since == null ? "" : " from " + since + " on")
                        + (migrations < 0 ? "" : " in " + migrations + " migration(s)") + ".");
                if (!bound.isEmpty()) {
                    out.println(bound.size() + " changeset(s) run only where their context or labels are given: " + String.join(", ", bound) + ".");
                }
            }
        }
        out.flush();
    }

    /** The changesets (from {@code since} on) bound to a Liquibase context or labels, as "id (context faker)". */
    private static List<String> bound(Changelog changelog, String since) {
        List<String> bound = new ArrayList<>();
        boolean reporting = since == null;
        for (ChangeSet changeSet : changelog.changeSets()) {
            reporting |= changelog.revisionOf(changeSet).equals(since);
            String to = Changelog.boundTo(changeSet);
            if (reporting && to != null) {
                bound.add(changeSet.getId() + " (" + to + ")");
            }
        }
        return bound;
    }
}
