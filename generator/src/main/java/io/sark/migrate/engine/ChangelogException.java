package io.sark.migrate.engine;

/** The changelog cannot be found or read, or breaks a rule of sark-migrate; the message names the file and the fix. */
public final class ChangelogException extends RuntimeException {

    public ChangelogException(String message) {
        super(message);
    }

    public ChangelogException(String message, Throwable cause) {
        super(message, cause);
    }
}
