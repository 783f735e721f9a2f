package io.sark.migrate.migrations;

import io.sark.migrate.testing.RealTimescale;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stand-in extension ({@code fake-timescaledb}) against the real TimescaleDB 2.28.3: every behaviour the stand-in
 * imitates, run as the same statements on both, must give the same outcome (rows, error message, the notices
 * sark-migrate reads). It fails the day they disagree, so the tests that must run on the stand-in (where PostgreSQL 15
 * or the build is absent) prove what they prove on the real extension too.
 */
class TimescaleStandInContractTest {

    /** Each step: the statement, and whether its notices are part of the outcome (those sark-migrate relies on). */
    private record Step(String sql, boolean notices) {
        static Step of(String sql) {
            return new Step(sql, false);
        }

        static Step withNotices(String sql) {
            return new Step(sql, true);
        }
    }

    /**
     * The retention job, run now: the real one runs it as soon as it is added where the database's job scheduler is up
     * (within 0.2 s, shared/reference/timescaledb-observed.md), but the scheduler of a database just created starts
     * only at the launcher's next poll; the stand-in deletes when the policy is added.
     */
    private static final String RUN_RETENTION = "DO $$ DECLARE job integer; BEGIN SELECT job_id INTO job FROM timescaledb_information.jobs"
            + " WHERE hypertable_name = 'events' AND proc_name = 'policy_retention'; CALL run_job(job); END $$";

    private static final List<Step> STEPS = List.of(
            Step.of("CREATE TABLE events (id int, at timestamptz NOT NULL, note text, PRIMARY KEY (id))"),
            // The key rule at conversion.
            Step.of("SELECT created FROM create_hypertable('events', 'at')"),
            Step.of("ALTER TABLE events DROP CONSTRAINT events_pkey, ADD PRIMARY KEY (id, at)"),
            Step.of("INSERT INTO events VALUES (1, now() - interval '40 days'), (2, now() - interval '31 days'), (3, now())"),
            // A table with rows needs migrate_data.
            Step.of("SELECT created FROM create_hypertable('events', 'at')"),
            Step.of("SELECT created FROM create_hypertable('events', 'at', chunk_time_interval => interval '1 day', migrate_data => TRUE)"),
            // One already: a notice, nothing done, with if_not_exists; an error without.
            Step.withNotices("SELECT created FROM create_hypertable('events', 'at', if_not_exists => TRUE)"),
            Step.of("SELECT created FROM create_hypertable('events', 'at')"),
            // The default time index, the time column made NOT NULL.
            Step.of("SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE tablename = 'events' ORDER BY 1"),
            Step.of("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'events'::regclass AND attname = 'at'"),
            // The key rule after conversion.
            Step.of("ALTER TABLE events ADD CONSTRAINT events_id_key UNIQUE (id)"),
            Step.of("CREATE UNIQUE INDEX events_note ON events (note)"),
            // The views sark-migrate reads.
            Step.of("SELECT hypertable_schema || ' ' || hypertable_name || ' ' || num_dimensions || ' ' || compression_enabled"
                    + " FROM timescaledb_information.hypertables"),
            Step.of("SELECT hypertable_name || ' ' || column_name || ' ' || time_interval FROM timescaledb_information.dimensions"),
            Step.of("SELECT set_chunk_time_interval('events', interval '2 days')"),
            Step.of("SELECT time_interval::text FROM timescaledb_information.dimensions WHERE hypertable_name = 'events'"),
            // Compression policy only with compression on.
            Step.of("SELECT add_compression_policy('events', interval '7 days')"),
            // Retention: it deletes at once (the real job within moments), one policy of each kind.
            Step.of("SELECT add_retention_policy('events', interval '30 days') > 0"),
            Step.of(RUN_RETENTION),
            Step.of("SELECT id FROM events"),
            Step.of("SELECT add_retention_policy('events', interval '30 days')"),
            Step.withNotices("SELECT add_retention_policy('events', interval '30 days', if_not_exists => TRUE)"),
            Step.of("SELECT proc_name || ' ' || (config->>'drop_after') FROM timescaledb_information.jobs WHERE hypertable_name = 'events'"),
            Step.of("SELECT remove_retention_policy('events')"),
            Step.of("SELECT count(*) FROM timescaledb_information.jobs WHERE hypertable_name = 'events'"),
            Step.of("SELECT remove_retention_policy('events')"),
            Step.of("SELECT remove_retention_policy('events', if_exists => TRUE)"),
            // Not a hypertable.
            Step.of("CREATE TABLE plain (at timestamptz NOT NULL)"),
            Step.of("SELECT add_retention_policy('plain', interval '1 day')"),
            // Where its functions live.
            Step.of("SELECT DISTINCT n.nspname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                    + " WHERE p.proname IN ('create_hypertable', 'add_retention_policy', 'add_compression_policy', 'set_chunk_time_interval')"),
            // A dropped hypertable is gone from the views.
            Step.of("DROP TABLE events"),
            Step.of("SELECT count(*) FROM timescaledb_information.hypertables"));

    @Test
    void everyBehaviourTheStandInImitatesGivesTheRealExtensionsOutcome() throws Exception {
        RealTimescale.assumeAvailable();
        List<String> real;
        try (TestDatabase db = RealTimescale.freshDatabase()) {
            real = outcomes(db);
        }
        TimescaleGuardTest.installFakeTimescale();
        List<String> standIn;
        try (TestDatabase db = TestPostgres.freshDatabase()) {
            db.execute("CREATE EXTENSION timescaledb");
            standIn = outcomes(db);
        }

        assertThat(real).as("the real extension's outcomes, as a sanity check of the steps")
                .contains("2: error: cannot create a unique index without the column \"at\" (used in partitioning)", "20: 3", "25: 0");
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < STEPS.size(); i++) {
            if (!real.get(i).equals(standIn.get(i))) {
                disagreements.add(STEPS.get(i).sql() + "\n    real:     " + real.get(i) + "\n    stand-in: " + standIn.get(i));
            }
        }
        assertThat(disagreements).as("steps where the stand-in does not do what TimescaleDB does").isEmpty();
    }

    private static List<String> outcomes(TestDatabase db) throws SQLException {
        List<String> outcomes = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            int n = 0;
            for (Step step : STEPS) {
                n++;
                StringBuilder outcome = new StringBuilder(n + ": ");
                try {
                    if (s.execute(step.sql())) {
                        List<String> rows = new ArrayList<>();
                        try (ResultSet rs = s.getResultSet()) {
                            while (rs.next()) {
                                rows.add(String.valueOf(rs.getString(1)));
                            }
                        }
                        outcome.append(String.join(", ", rows));
                    } else {
                        outcome.append("ok");
                    }
                    if (step.notices()) {
                        for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                            outcome.append(" / notice: ").append(w.getMessage());
                        }
                    }
                } catch (SQLException e) {
                    String message = e.getMessage();
                    outcome.append("error: ").append(message.startsWith("ERROR: ") ? message.substring(7).lines().findFirst().orElse("") : message);
                }
                s.clearWarnings();
                outcomes.add(outcome.toString());
            }
        }
        return outcomes;
    }
}
