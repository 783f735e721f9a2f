package io.sark.migrate.cli;

/** The exit statuses of sark-migrate, for scripts. Listed in {@code --help} (keep the two in step); mapped from failures in {@link Failures}. */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** Something unexpected went wrong inside sark-migrate (a bug); run again with --verbose and report it. */
    public static final int INTERNAL_ERROR = 1;
    /** The command line was wrong: an unknown option, command or revision. */
    public static final int USAGE = 2;
    /** The database could not be reached or started. */
    public static final int DATABASE_UNAVAILABLE = 3;
    /** A changeset failed; the database stays at the last changeset that succeeded. */
    public static final int MIGRATION_FAILED = 4;

    private ExitCodes() {
    }
}
