package io.sark.migrate.cli;

import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.lint.Finding;
import io.sark.migrate.lint.LintReport;
import io.sark.migrate.lint.LintRule;
import io.sark.migrate.lint.Linter;
import io.sark.migrate.lint.Review;
import io.sark.migrate.lint.RuleRegistry;
import io.sark.migrate.lint.Severity;
import liquibase.changelog.ChangeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "lint",
        description = {
                "Check the changelog's changesets for what hurts a live PostgreSQL: data loss, changes the running application"
                        + " cannot survive, changes that fail on existing data, long locks, and unreviewable changesets.",
                "Exit 1 when an error-level finding is present. A changeset allows a rule in its comment, with a reason:"
                        + " 'sark-lint: allow DS101 because the table was archived in 012'. Needs no database."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  # what a pull request adds", "  ./sark-migrate lint --since 005_audit_events_hypertable",
                "  ./sark-migrate lint --severity LK105=error --json",
                "  # list the rules", "  ./sark-migrate lint --rules",
        })
final class LintCommand extends DatabaseCommand {

    @Option(names = "--since", paramLabel = "REVISION", description = "Report only this revision and the ones after it (default: all).")
    String since;

    @Option(names = "--severity", paramLabel = "CODE=LEVEL", split = ",",
            description = "Change a rule's severity: error, warning or off (e.g. LK105=error,HY102=off).")
    Map<String, String> severityOverrides = new HashMap<>();

    @Option(names = "--rules", description = "List the rules, with their codes, severities and what they catch, and exit.")
    boolean listRules;

    @Option(names = "--report", description = "Print the review a pull request needs (Markdown; JSON with --json): per changeset,"
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
        Changelog changelog = database.changelog(app.context);
        if (since != null) {
            since = changelog.revisions().resolve(since).id();
        }
        LintReport report = new Linter(registry, severities).lint(changelog, since);
        if (this.report) {
            List<Review.ChangeSetReview> reviews = Review.of(changelog, report, since);
            if (json()) {
                Output.json(out, Map.of("errors", report.errors(), "warnings", report.warnings(), "changeSets", reviews));
            } else {
                out.print(Review.markdown(reviews));
                out.println(report.errors() + " error(s), " + report.warnings() + " warning(s).");
                out.flush();
            }
        } else if (json()) {
            Output.json(out, new Result(report.errors(), report.warnings(), report.findings(), bound(changelog, since)));
        } else {
            for (Finding f : report.findings()) {
                out.printf("%-7s %s %s  %s: %s%n", f.severity().name().toLowerCase(Locale.ROOT), f.code(), f.rule(), f.changeSet(), f.message());
            }
            out.println(report.errors() + " error(s), " + report.warnings() + " warning(s)"
                    + (since == null ? "" : " from " + since + " on") + ".");
            List<String> bound = bound(changelog, since);
            if (!bound.isEmpty()) {
                out.println(bound.size() + " changeset(s) run only where their context or labels are given: " + String.join(", ", bound) + ".");
            }
        }
        return report.errors() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
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
