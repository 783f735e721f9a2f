package io.sark.migrate.engine.lock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Who keeps a migration waiting for a lock. A lock timeout ends the wait, and with it the server's record of who the
 * migration waited for; so while a run is in progress, a second session looks every {@value #POLL_MILLIS} ms at
 * {@code pg_blocking_pids} of the migration's session and remembers the sessions it found, and what kind of lock the
 * migration waited for. A {@code CREATE INDEX CONCURRENTLY} waits on a {@code virtualxid}: for every transaction older
 * than it, on any table.
 *
 * <p>Without a second session (none was offered), {@link #blockers} falls back to the sessions whose transactions
 * are open now, oldest first: the likely blockers, said as such.
 */
final class LockWatch implements AutoCloseable {

    static final int POLL_MILLIS = 100;

    /** A session that held what the migration waited for. */
    record Blocker(int pid, String application, String state, long transactionSeconds, String query) {

        String describe() {
            String who = application == null || application.isBlank() ? "" : " '" + application + "'";
            String running = query == null || query.isBlank() ? "" : ", " + ("active".equals(state) ? "running" : "last query") + ": "
                    + abbreviate(query);
            return "pid " + pid + who + " (" + state + (transactionSeconds >= 0 ? ", its transaction open for " + transactionSeconds + " s" : "")
                    + running + ")";
        }

        private static String abbreviate(String sql) {
            String line = sql.strip().replaceAll("\\s+", " ");
            return line.length() <= 80 ? line : line.substring(0, 77) + "...";
        }
    }

    /** What the watch saw: the blockers, and whether the wait was a concurrent index build's wait for old transactions. */
    record Seen(List<Blocker> blockers, boolean oldTransactions, boolean watched) {
    }

    private static final String BLOCKERS = "SELECT a.pid, a.application_name, coalesce(a.state, 'unknown'),"
            + " coalesce(extract(epoch FROM now() - a.xact_start)::bigint, -1), a.query,"
            + " (SELECT w.wait_event FROM pg_stat_activity w WHERE w.pid = ?)"
            + " FROM pg_stat_activity a WHERE a.pid = ANY (pg_blocking_pids(?)) ORDER BY a.xact_start NULLS LAST";

    /** How often a batched fill's progress is told, at most. */
    static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private final Connection migration;
    private final Consumer<String> progress;
    private final Thread thread;
    /** Whether the watch is connected and looking. */
    private volatile boolean watching;
    private final int migrationPid;
    private volatile boolean closed;
    private volatile List<Blocker> lastSeen = List.of();
    private volatile boolean virtualxid;
    private volatile long deadline = Long.MAX_VALUE;
    private volatile boolean cancelled;

    /**
     * The watch connects on its own thread, so that the migration does not wait for a second session (a connection
     * takes about as long as a short migration's changesets); until it has, {@link #blockers()} says what it can
     * without it.
     */
    private LockWatch(Connection migration, Supplier<Connection> sessions, int migrationPid, Consumer<String> progress) {
        this.migration = migration;
        this.progress = progress;
        this.migrationPid = migrationPid;
        this.thread = sessions == null ? null : new Thread(() -> connectAndWatch(sessions), "sark-migrate-lock-watch");
        if (thread != null) {
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void connectAndWatch(Supplier<Connection> sessions) {
        Connection session;
        try {
            session = sessions.get();
            session.setAutoCommit(true);
        } catch (RuntimeException | SQLException e) {
            return; // a second session that cannot be opened only means no watching
        }
        try (Connection watcher = session) {
            watching = !closed;
            if (watching) {
                watch(watcher);
            }
        } catch (SQLException e) {
            // Closing only ends the watching session.
        }
    }

    /**
     * Starts watching session {@code migrationPid}, on a session from {@code sessions} (null: none, so no watching).
     * A second session that cannot be opened only means no watching.
     */
    static LockWatch start(Connection migration, int migrationPid, Supplier<Connection> sessions) {
        return start(migration, migrationPid, sessions, line -> { });
    }

    /** As {@link #start(Connection, int, Supplier)}, telling {@code progress} how a batched fill goes, every few seconds. */
    static LockWatch start(Connection migration, int migrationPid, Supplier<Connection> sessions, Consumer<String> progress) {
        return new LockWatch(migration, sessions != null && migrationPid > 0 ? sessions : null, migrationPid, progress);
    }

    /** Forgets what was seen: a new attempt starts. */
    void reset() {
        lastSeen = List.of();
        virtualxid = false;
        cancelled = false;
    }

    /**
     * From {@code nanoTime} on, a wait for a lock is not left to run out its {@code lock_timeout}: the waiting statement
     * is cancelled (its changeset rolls back, as on a lock timeout), and {@link #cancelledAtDeadline()} says so.
     */
    void deadline(long nanoTime) {
        deadline = nanoTime;
    }

    /** Whether this attempt's lock wait was cancelled at the deadline. */
    boolean cancelledAtDeadline() {
        return cancelled;
    }

    private void watch(Connection watcher) {
        long toldAt = System.nanoTime();
        String told = null;
        try (PreparedStatement ps = watcher.prepareStatement(BLOCKERS);
             PreparedStatement name = watcher.prepareStatement("SELECT application_name FROM pg_stat_activity WHERE pid = ?")) {
            ps.setInt(1, migrationPid);
            ps.setInt(2, migrationPid);
            name.setInt(1, migrationPid);
            while (!closed) {
                if (System.nanoTime() - toldAt > PROGRESS_EVERY_NANOS) {
                    try (ResultSet rs = name.executeQuery()) {
                        String now = rs.next() ? rs.getString(1) : null;
                        Optional<String> line = now == null || now.equals(told) ? Optional.empty() : FillProgress.describe(now);
                        if (line.isPresent()) {
                            progress.accept(line.get());
                            told = now;
                            toldAt = System.nanoTime();
                        }
                    }
                }
                List<Blocker> found = new ArrayList<>();
                boolean waitingOnVirtualxid = false;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Blocker(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
                        waitingOnVirtualxid |= "virtualxid".equals(rs.getString(6));
                    }
                }
                if (!found.isEmpty() && !cancelled && System.nanoTime() > deadline) {
                    cancelled = true;
                    try (PreparedStatement cancel = watcher.prepareStatement("SELECT pg_cancel_backend(?)")) {
                        cancel.setInt(1, migrationPid);
                        cancel.execute();
                    }
                }
                if (!found.isEmpty()) {
                    lastSeen = List.copyOf(found);
                    // Once seen, for the whole attempt: the blockers are read live, the wait event from a snapshot taken
                    // a moment before, so one poll can catch the wait starting without its event.
                    virtualxid |= waitingOnVirtualxid;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException | RuntimeException e) {
            // The watch is a help for messages; when it cannot look, the fallback says what it can.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sessions the migration waited for, as last seen; else (no watch) the sessions with a transaction open now. */
    Seen blockers() {
        if (watching) {
            return new Seen(lastSeen, virtualxid, true);
        }
        List<Blocker> open = new ArrayList<>();
        try (PreparedStatement ps = migration.prepareStatement("SELECT pid, application_name, coalesce(state, 'unknown'),"
                + " extract(epoch FROM now() - xact_start)::bigint, query FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
                + " AND backend_type = 'client backend' ORDER BY xact_start LIMIT 3");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                open.add(new Blocker(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
            }
            if (!migration.getAutoCommit()) {
                migration.rollback();
            }
        } catch (SQLException e) {
            // Nothing more to say.
        }
        return new Seen(open, false, false);
    }

    /**
     * Whether {@code failure} left its changeset rolled back whole for want of a lock, so that trying again is safe: a
     * lock timeout (SQLSTATE 55P03, lock_not_available) or a deadlock it was chosen to end (40P01).
     */
    static boolean retryable(Throwable failure) {
        return sqlState(failure, "55P03") || deadlock(failure);
    }

    /** Whether {@code failure} is a deadlock this session was chosen to end (SQLSTATE 40P01). */
    static boolean deadlock(Throwable failure) {
        return sqlState(failure, "40P01");
    }

    private static boolean sqlState(Throwable failure, String state) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null && watching) {
            // A watch still connecting is not waited for: it sees it is closed when it has, and ends its session.
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
