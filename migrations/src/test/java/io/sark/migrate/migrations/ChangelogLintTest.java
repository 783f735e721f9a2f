package io.sark.migrate.migrations;

import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.lint.Finding;
import io.sark.migrate.lint.LintReport;
import io.sark.migrate.lint.Linter;
import io.sark.migrate.lint.RuleRegistry;
import io.sark.migrate.lint.Severity;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The project's own revisions pass lint: no error-level finding (warnings are for reviewers to read). */
class ChangelogLintTest {

    @Test
    void theProjectsChangelogHasNoErrorLevelFinding() {
        LintReport report = new Linter(RuleRegistry.standard(), Map.of()).lint(Changelog.bundled(), null);

        assertThat(report.findings()).filteredOn(f -> f.severity() == Severity.ERROR).extracting(Finding::message).isEmpty();
    }

    @Test
    void sarksBaselineRevisionsRaiseNothingAtAll() {
        LintReport report = new Linter(RuleRegistry.standard(), Map.of()).lint(Changelog.bundled(), null);

        assertThat(report.findings()).filteredOn(f -> f.revision().compareTo("005") < 0).isEmpty();
    }

    @Test
    void theOnlyWarningsLeftAreAuditEventsKeyAndConversionLocksAndTheRetention() {
        LintReport report = new Linter(RuleRegistry.standard(), Map.of()).lint(Changelog.bundled(), null);

        // 005-2's primary key builds its index holding ACCESS EXCLUSIVE on audit_events (LK110): true of a table with many
        // events, and applied already, so not edited here (the generator now builds a key's index CONCURRENTLY first).
        // 005-3's create_hypertable(migrate_data => TRUE) holds ACCESS EXCLUSIVE on audit_events for the whole copy (TS104),
        // with no lock_timeout (LK105): true, and applied already, so not edited here.
        // 005-5's retention policy deletes the events older than 90 days as soon as it is added (upgrade counts them).
        // 006's three indexes on the compressed audit_events are built in a transaction, which TimescaleDB allows: no TS102.
        assertThat(report.findings()).extracting(f -> f.code() + " " + f.changeSet()).containsExactly(
                "LK110 005_audit_events_hypertable-2", "LK105 005_audit_events_hypertable-3", "TS104 005_audit_events_hypertable-3", "TS103 005_audit_events_hypertable-5");
    }
}
