package io.sark.migrate.engine.lock;

import io.sark.migrate.diagnostics.MigrationListener;
import io.sark.migrate.diagnostics.Timings;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.errors.MigrationInterruptedException;
import io.sark.migrate.postgres.ConnectionSettings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What {@code unlock} deals with. sark-migrate's own lock is an {@link AdvisoryLock}, which nobody needs to release:
 * it ends with its session. Stock Liquibase (and sark-migrate before it used advisory locks) locks the row in
 * {@code databasechangeloglock}, which stays taken when the process that took it is killed; sark-migrate honours that
 * row, so it can be released here. Releasing is refused while the advisory lock is held or another sark-migrate
 * session is connected, since either may be a migration still at work.
 */
public final class MigrationLock {

    private static final String TABLE = "databasechangeloglock";

    private MigrationLock() {
    }

    /**
     * Runs {@code action} holding sark-migrate's migration lock ({@code lock}, on the migration's session, waited for at
     * most {@code wait}), so that of several processes migrating one database, one works and the others
     * wait, then find the work done; refused while stock Liquibase's row lock is taken. {@code where} says where the
     * database stands, for an interrupted wait's message; {@code stopRequested}, whether Ctrl-C came while it waited.
     */
    public static <T> T holding(AdvisoryLock lock, BooleanSupplier stopRequested, Connection connection, Duration wait, MigrationListener listener,
                         Supplier<Optional<String>> where, Supplier<T> action) {
        try (var t = Timings.phase("take the migration lock")) {
            lock.acquire(wait, holder -> listener.message("sark-migrate: waiting for the migration lock held by "
                    + holder.describe() + "..."));
        } catch (MigrationInterruptedException e) {
            throw new MigrationInterruptedException(e.getMessage() + " The database is "
                    + where.get().orElse("at a revision that could not be read") + ".");
        }
        try {
            if (stopRequested.getAsBoolean()) {
                throw new MigrationInterruptedException("Interrupted before anything ran. The database is "
                        + where.get().orElse("at a revision that could not be read") + ".");
            }
            refuseIfRowLocked(connection);
            return action.get();
        } finally {
            lock.release();
        }
    }

    /**
     * The lock's state.
     *
     * @param locked    whether it is taken
     * @param lockedBy  who took it, as Liquibase recorded it (host and address), or null
     * @param grantedAt when (database time), or null
     */
    public record Status(boolean locked, String lockedBy, String grantedAt) {
    }

    /**
     * What {@link #release} found and did.
     *
     * @param before   the lock before
     * @param released whether it was taken and is now free
     */
    public record Release(Status before, boolean released) {
    }

    public static Status status(Connection connection) {
        try (Statement s = connection.createStatement()) {
            try (ResultSet exists = s.executeQuery("SELECT to_regclass('" + TABLE + "') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return new Status(false, null, null);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT locked, lockedby, to_char(lockgranted, 'YYYY-MM-DD\"T\"HH24:MI:SS')"
                    + " FROM " + TABLE + " WHERE id = 1")) {
                return rs.next() && rs.getBoolean(1) ? new Status(true, rs.getString(2), rs.getString(3)) : new Status(false, null, null);
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not read the migration lock: " + e.getMessage(), e);
        }
    }

    /** Frees a lock left behind, after checking that no migration holds the lock and no other sark-migrate session is connected. */
    public static Release release(Connection connection) {
        Optional<AdvisoryLock.Holder> holder = new AdvisoryLock(connection, currentSchema(connection)).holder();
        if (holder.isPresent()) {
            throw new DatabaseLockedException("A migration is running: the migration lock is held by " + holder.get().describe()
                    + ". It is released by itself when that session ends; if it is stuck, end it on the server with"
                    + " SELECT pg_terminate_backend(" + holder.get().serverPid() + ").");
        }
        Status before = status(connection);
        if (!before.locked()) {
            return new Release(before, false);
        }
        List<String> others = otherSarkMigrateSessions(connection);
        if (!others.isEmpty()) {
            throw new DatabaseLockedException("The migration lock (taken by " + before.lockedBy() + " at " + before.grantedAt()
                    + ") may still be in use: " + String.join("; ", others) + ". Wait for that migration to finish,"
                    + " or stop it, before running unlock again.");
        }
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("UPDATE " + TABLE + " SET locked = false, lockgranted = NULL, lockedby = NULL WHERE id = 1");
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not release the migration lock: " + e.getMessage(), e);
        }
        return new Release(before, true);
    }

    /**
     * Refuses to migrate while Liquibase's lock row is taken: stock Liquibase may be migrating, or a killed process
     * left it behind, which {@code unlock} releases.
     */
    static void refuseIfRowLocked(Connection connection) {
        Status row = status(connection);
        if (row.locked()) {
            throw new DatabaseLockedException("Liquibase's lock row (databasechangeloglock) was taken by " + row.lockedBy() + " at "
                    + row.grantedAt() + ". If no Liquibase is migrating this database, it was left behind: release it with"
                    + " 'sark-migrate unlock'.");
        }
    }

    private static String currentSchema(Connection connection) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1) == null ? "public" : rs.getString(1);
        } catch (SQLException e) {
            throw new MigrationException("Could not read the current schema: " + e.getMessage(), e);
        }
    }

    private static List<String> otherSarkMigrateSessions(Connection connection) {
        List<String> sessions = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT application_name, pid, to_char(backend_start, 'YYYY-MM-DD\"T\"HH24:MI:SS'), coalesce(client_addr::text, 'local')"
                        + " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        + " AND application_name LIKE 'sark-migrate%' AND application_name <> ?")) {
            ps.setString(1, ConnectionSettings.APPLICATION_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sessions.add("'" + rs.getString(1) + "' is connected from " + rs.getString(4) + " since " + rs.getString(3)
                            + " (server pid " + rs.getInt(2) + ")");
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not list the database's sessions: " + e.getMessage(), e);
        }
        return sessions;
    }
}
