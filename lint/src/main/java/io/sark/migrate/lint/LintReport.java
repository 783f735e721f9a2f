package io.sark.migrate.lint;

import java.util.List;

/** Everything the linter found, in changelog order. */
public record LintReport(List<Finding> findings) {

    public LintReport {
        findings = List.copyOf(findings);
    }

    public long errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    }

    public long warnings() {
        return findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
    }
}
