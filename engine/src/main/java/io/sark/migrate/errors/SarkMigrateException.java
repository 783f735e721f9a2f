package io.sark.migrate.errors;

/**
 * The root of every failure sark-migrate reports: its {@link Kind} says what kind of failure it is, and so the exit
 * status; its message is the one line a user reads (what went wrong, and what to do). A failure that is not one of
 * these is a bug.
 */
public abstract class SarkMigrateException extends RuntimeException {

    /** What kind of failure, and the exit status it gives. */
    public enum Kind {
        /** A migration, check or validation failed, or the database's state refuses the command. */
        FAILED(1),
        /** The command line or a file it names is wrong. */
        USAGE(2),
        /** The database cannot be reached, refuses the login, or is locked by another migration. */
        UNAVAILABLE(3),
        /** Stopped by Ctrl-C (SIGINT); the running changeset was rolled back. */
        INTERRUPTED(130);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    protected SarkMigrateException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    protected SarkMigrateException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
