package io.sark.migrate.engine.lock;

import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.errors.MigrationInterruptedException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The migration lock: a session-level PostgreSQL advisory lock, one per schema. It belongs to the session that took
 * it, so it is released when that session ends for any reason, a killed process included; Liquibase's lock row
 * ({@code databasechangeloglock}) is not, which is why sark-migrate does not use it (liquibase/liquibase#1453).
 *
 * <p>Taking it is re-entrant within a session (PostgreSQL counts), and each {@link #acquire} is matched by one
 * {@link #release}. While waiting, no transaction is left open on the session: a transaction held open by a waiter
 * would stall the holder's {@code CREATE INDEX CONCURRENTLY}, which waits for older transactions to end.
 */
public final class AdvisoryLock {

    /** The first half of the lock's key: "SARK" in ASCII. The second half is derived from the schema's name. */
    static final int NAMESPACE = 0x5341524B;

    private static final Duration POLL = Duration.ofMillis(200);

    private final Connection connection;
    private final String schema;
    private boolean held;
    /** Set from another thread (a signal's): a wait in progress gives up. */
    private volatile boolean cancelled;

    public AdvisoryLock(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema.toLowerCase(Locale.ROOT);
    }

    /** The session that holds a migration lock on the database. */
    public record Holder(int serverPid, String applicationName, String clientAddress, String connectedSince, String state,
                         String query) {

        /** For messages: who, from where, since when, doing what. */
        public String describe() {
            String running = query == null || query.isBlank() ? "" : ", running: " + abbreviate(query);
            return "'" + applicationName + "' (server pid " + serverPid + ", from " + clientAddress + ", connected since "
                    + connectedSince + ", " + state + running + ")";
        }

        private static String abbreviate(String sql) {
            String line = sql.strip().replaceAll("\\s+", " ");
            return line.length() <= 80 ? line : line.substring(0, 77) + "...";
        }
    }

    /** The second half of the key, so that changelogs in different schemas of one database lock separately. */
    int key() {
        return schema.hashCode() & 0x7fffffff;
    }

    /**
     * Stops a wait in progress, from another thread (Ctrl-C or SIGTERM): {@link #acquire} ends within one poll with a
     * {@link MigrationInterruptedException}, having taken nothing, and any later acquire does the same.
     */
    public void cancel() {
        cancelled = true;
    }

    /** Whether this object holds the lock. */
    public boolean held() {
        return held;
    }

    /**
     * Takes the lock, waiting up to {@code wait} for another session to release it. {@code onWait} hears once, with
     * the holder, when waiting starts.
     *
     * @throws DatabaseLockedException       when the lock is still held after {@code wait}; the message names the holder
     * @throws MigrationInterruptedException when {@link #cancel} stopped the wait; the lock was not taken
     */
    public void acquire(Duration wait, Consumer<Holder> onWait) {
        if (held) {
            return;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        boolean announced = false;
        Optional<Holder> holder = Optional.empty();
        while (true) {
            refuseIfCancelled(holder);
            boolean got;
            try {
                got = tryAcquire();
            } catch (MigrationException e) {
                refuseIfCancelled(holder); // the signal cancelled the poll's statement
                throw e;
            }
            if (got) {
                if (cancelled) { // the signal came as the lock was granted: give it back, and do nothing
                    held = true;
                    release();
                    refuseIfCancelled(holder);
                }
                held = true;
                return;
            }
            try {
                holder = holder();
            } catch (MigrationException e) {
                refuseIfCancelled(holder);
                throw e;
            }
            if (!announced && holder.isPresent()) {
                onWait.accept(holder.get());
                announced = true;
            }
            if (System.nanoTime() >= deadline) {
                throw new DatabaseLockedException("Another migration holds the migration lock: "
                        + holder.map(Holder::describe).orElse("a session that has just ended")
                        + ". Waited " + wait.toSeconds() + " s. Run again when it has finished, or wait longer with --lock-wait SECONDS;"
                        + " the lock is released by itself when that session ends.");
            }
            try {
                Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
                refuseIfCancelled(holder);
            }
        }
    }

    private void refuseIfCancelled(Optional<Holder> holder) {
        if (cancelled) {
            throw new MigrationInterruptedException("Interrupted while waiting for the migration lock"
                    + holder.map(h -> " held by " + h.describe()).orElse("") + ": nothing ran.");
        }
    }

    /** Releases the lock if this object holds it. */
    public void release() {
        if (!held) {
            return;
        }
        held = false;
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, key());
            ps.execute();
            endTransaction();
        } catch (SQLException e) {
            // The session is gone or broken; with it, the lock.
        }
    }

    /** The session holding the lock, if any (this one included). */
    public Optional<Holder> holder() {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT a.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'a local socket'),"
                        + " to_char(a.backend_start, 'YYYY-MM-DD\"T\"HH24:MI:SSOF'), coalesce(a.state, 'unknown'),"
                        + " CASE WHEN a.state = 'active' THEN a.query END"
                        + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                        + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2"
                        + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                        + " AND l.classid::bigint = ? AND l.objid::bigint = ?")) {
            ps.setLong(1, NAMESPACE);
            ps.setLong(2, key());
            try (ResultSet rs = ps.executeQuery()) {
                Optional<Holder> holder = rs.next()
                        ? Optional.of(new Holder(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                        : Optional.empty();
                endTransaction();
                return holder;
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not read who holds the migration lock: " + e.getMessage(), e);
        }
    }

    private boolean tryAcquire() {
        try {
            endTransaction(); // whatever was read before waiting must not stay open while we wait
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                ps.setInt(1, NAMESPACE);
                ps.setInt(2, key());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    boolean got = rs.getBoolean(1);
                    endTransaction();
                    return got;
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not take the migration lock: " + e.getMessage(), e);
        }
    }

    /**
     * Ends the session's transaction, if one is open. Only reads happen outside the lock, so this commits nothing
     * that matters; it keeps a waiting session from holding a snapshot.
     */
    private void endTransaction() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
