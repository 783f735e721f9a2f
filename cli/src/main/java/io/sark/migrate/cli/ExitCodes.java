package io.sark.migrate.cli;

/**
 * The exit statuses of sark-migrate, for scripts. Listed in {@code --help} by {@link SarkMigrate} (a test keeps the
 * two in step); mapped from failures in {@link Failures}, the one place that does it.
 */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;
    /**
     * A migration, check or validation failed, the changelog is unreadable, or the database's state refuses the command
     * (edited or unknown history, a drifted schema, data a downgrade would drop).
     */
    public static final int FAILED = 1;
    /** The command line was wrong: an unknown command, option, revision or target. */
    public static final int USAGE = 2;
    /** The database could not be reached, refused the login, or is locked by another migration. */
    public static final int UNAVAILABLE = 3;
    /** Something unexpected went wrong inside sark-migrate (a bug); run again with --verbose and report it. */
    public static final int INTERNAL_ERROR = 70;
    /**
     * Interrupted by Ctrl-C (SIGINT): the running changeset was rolled back. A process ended by SIGTERM exits with
     * 143 instead; the JVM sets both from the signal.
     */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
