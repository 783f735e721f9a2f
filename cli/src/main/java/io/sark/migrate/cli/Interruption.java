package io.sark.migrate.cli;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.postgres.server.EmbeddedPostgresServer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM while a command works on a database. The JVM runs its shutdown hooks; this one stops
 * the migration in progress (its running statement is cancelled, so its changeset rolls back) and waits for the
 * command to say where the database stands before the process ends with the signal's status (130 or 143).
 */
final class Interruption {

    /** How long the hook waits for the command to stop and report; after that the process ends regardless. */
    private static final long REPORT_WAIT_SECONDS = 30;

    private static volatile Migrator running;
    /** What stops a run over many targets (TargetRun), or null. */
    private static volatile Runnable interruptTargets;
    private static volatile boolean requested;
    private static volatile boolean finished;
    private static final CountDownLatch REPORTED = new CountDownLatch(1);

    private Interruption() {
    }

    /** Installs the hook; for the real process only (tests run commands in-process). */
    static void install() {
        Runtime.getRuntime().addShutdownHook(new Thread(Interruption::onSignal, "sark-migrate-interrupt"));
        // The embedded server's own hook stops it: not before the interrupted command has said where the database is.
        EmbeddedPostgresServer.beforeStopOnExit(Interruption::awaitReport);
    }

    /** Waits (bounded) for an interrupted command to report; returns at once when no command is running. */
    private static void awaitReport() {
        if (finished || (running == null && interruptTargets == null)) {
            return;
        }
        try {
            REPORTED.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void running(Migrator migrator) {
        running = migrator;
    }

    /** {@code action} stops the command on a signal (the targets' runs, validate's throwaway server), until it is set to null. */
    static void onInterrupt(Runnable action) {
        interruptTargets = action;
    }

    /** Whether the command is ending because it was interrupted. */
    static boolean requested() {
        return requested;
    }

    /** The command has returned and printed what it had to: the process may end. */
    static void commandFinished() {
        finished = true;
        REPORTED.countDown();
    }

    private static void onSignal() {
        Migrator migrator = running;
        Runnable targets = interruptTargets;
        if (finished || (migrator == null && targets == null)) {
            return;
        }
        requested = true;
        if (migrator != null) {
            migrator.interrupt();
        }
        if (targets != null) {
            targets.run();
        }
        try {
            REPORTED.await(REPORT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
