package io.sark.migrate.engine.lock;

import io.sark.migrate.diagnostics.MigrationListener;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.errors.MigrationInterruptedException;

import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs a move (to a fixed revision, down or up) while a second session watches who keeps it waiting for a lock. A
 * changeset that fails on a lock timeout, or is chosen to end a deadlock (a TimescaleDB policy job can take the same
 * locks at any moment), has rolled back whole; it is tried again after a pause of 1, 2, 4... s (at most 30 s each),
 * {@code retries} times, none after {@link #BUDGET} of retrying or past the command's lock deadline, and the message of
 * the last failure names the sessions it waited for.
 */
public final class LockRetry {

    /** However many retries are asked for, none starts after this long of retrying. */
    static final Duration BUDGET = Duration.ofMinutes(5);

    private final Connection connection;
    private final int backendPid;
    private final Supplier<Connection> sessions;
    private final MigrationListener listener;
    private final BooleanSupplier stopRequested;
    private final Supplier<Optional<String>> where;

    /**
     * {@code stopRequested}: whether Ctrl-C came (no retry starts after it); {@code where}: where the database stands,
     * for the message of an interrupted wait.
     */
    public LockRetry(Connection connection, int backendPid, Supplier<Connection> sessions, MigrationListener listener,
                     BooleanSupplier stopRequested, Supplier<Optional<String>> where) {
        this.connection = connection;
        this.backendPid = backendPid;
        this.sessions = sessions;
        this.listener = listener;
        this.stopRequested = stopRequested;
        this.where = where;
    }

    /** Runs {@code attempt} until it succeeds, fails otherwise, or the retries, the budget or {@code deadline} (nanoTime) run out. */
    public void run(Runnable attempt, int retries, Duration lockWait, long deadline) {
        long retryingSince = 0;
        try (LockWatch watch = LockWatch.start(connection, backendPid, sessions, listener::message)) {
            watch.deadline(deadline);
            for (int retry = 0; ; retry++) {
                watch.reset();
                try {
                    attempt.run();
                    return;
                } catch (MigrationException e) {
                    if (watch.cancelledAtDeadline() && !stopRequested.getAsBoolean()) {
                        throw new LockTimeoutException(LockTimeoutException.pastLockWait(e.getMessage(), lockWait, watch.blockers(), retry), e);
                    }
                    if (!LockWatch.retryable(e)) {
                        throw e;
                    }
                    retryingSince = retry == 0 ? System.nanoTime() : retryingSince;
                    LockWatch.Seen seen = watch.blockers();
                    Duration pause = Duration.ofSeconds(Math.min(30, 1L << Math.min(retry, 5)));
                    boolean budgetLeft = System.nanoTime() - retryingSince + pause.toNanos() < BUDGET.toNanos()
                            && System.nanoTime() + pause.toNanos() < deadline;
                    if (retry >= retries || !budgetLeft || stopRequested.getAsBoolean()) {
                        throw new LockTimeoutException(e.getMessage() + " " + LockTimeoutException.advice(seen, retry), e);
                    }
                    listener.message("sark-migrate: " + (LockWatch.deadlock(e) ? "a deadlock" : "a lock timeout") + " stopped "
                            + LockTimeoutException.changeSetOf(e.getMessage())
                            + LockTimeoutException.waitedOn(seen) + "; it was rolled back, trying again in " + pause.toSeconds()
                            + " s (retry " + (retry + 1) + " of " + retries + ")...");
                    pauseUnlessInterrupted(pause);
                }
            }
        }
    }

    private void pauseUnlessInterrupted(Duration pause) {
        long end = System.nanoTime() + pause.toNanos();
        while (System.nanoTime() < end) {
            if (stopRequested.getAsBoolean()) {
                throw new MigrationInterruptedException("Interrupted while waiting to retry after a lock timeout. The database is "
                        + where.get().orElse("at a revision that could not be read") + ".");
            }
            try {
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
