package io.sark.migrate.engine.session;

import io.sark.migrate.errors.MigrationException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The migration session's settings, made before anything runs.
 *
 * <p>A role's {@code statement_timeout} (a production role often has one of seconds) would end a long index build or
 * data change half-way: the session's own is set to the one asked for (zero: none), whatever the role says. A role's
 * {@code lock_timeout} is kept: changesets set their own.
 *
 * <p>A server session whose client was killed goes on with its statement (holding its locks, the migration lock
 * included) until the statement ends. From PostgreSQL 14 it can check for a lost client while it works; then a killed
 * migration's statement stops within a second and its transaction rolls back.
 *
 * @param backendPid  the session's server process, for the lock watch
 * @param description the timeouts in force, for --verbose
 */
public record SessionSetup(int backendPid, String description) {

    public static SessionSetup prepare(Connection connection, Duration statementTimeout) {
        try {
            SessionSetup setup;
            try (Statement s = connection.createStatement()) {
                s.execute("SET statement_timeout = " + statementTimeout.toMillis());
                try (var rs = s.executeQuery("SELECT pg_backend_pid(), current_setting('lock_timeout'), coalesce((SELECT"
                        + " string_agg(c, ', ') FROM pg_db_role_setting r, unnest(r.setconfig) c WHERE r.setrole = (SELECT oid FROM"
                        + " pg_roles WHERE rolname = current_user) AND c LIKE 'statement_timeout=%'), '')")) {
                    rs.next();
                    String role = rs.getString(3);
                    setup = new SessionSetup(rs.getInt(1), "statement_timeout "
                            + (statementTimeout.isZero() ? "0 (none)" : statementTimeout.toMillis() + " ms")
                            + (role.isEmpty() ? "" : " (the role's " + role + " is overridden for this session)")
                            + ", lock_timeout " + rs.getString(2) + (rs.getString(2).equals("0") ? " (none; changesets set their own)" : ""));
                }
            }
            if (connection.getMetaData().getDatabaseMajorVersion() >= 14) {
                try (Statement s = connection.createStatement()) {
                    s.execute("SET client_connection_check_interval = '1s'");
                } catch (SQLException unsupported) {
                    // A server on a system without the kernel support (Windows) refuses it: it keeps the old behaviour.
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                    }
                    return setup;
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return setup;
        } catch (SQLException e) {
            throw new MigrationException("Could not prepare the session: " + e.getMessage(), e);
        }
    }

    /**
     * How the batched fills of this run go: {@code pages} of the table per batch, each committed, and {@code pauseMillis}
     * between batches (null: the changeset's own). Bigger batches finish sooner and hold each row's lock longer; a
     * longer pause leaves the application more room.
     */
    public static void fillBatches(Connection connection, Integer pages, Integer pauseMillis) {
        try (Statement s = connection.createStatement()) {
            if (pages != null) {
                s.execute("SET sark.fill_batch_pages = " + pages);
            }
            if (pauseMillis != null) {
                s.execute("SET sark.fill_pause_ms = " + pauseMillis);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not set the fills' batch size on the migration session: " + e.getMessage(), e);
        }
    }
}
