package io.sark.migrate.engine.changelog;

import io.sark.migrate.errors.SarkMigrateException;

/** The changelog cannot be found or read, or breaks a rule of sark-migrate; the message names the file and the fix. */
public final class ChangelogException extends SarkMigrateException {

    public ChangelogException(String message) {
        super(Kind.FAILED, message);
    }

    public ChangelogException(String message, Throwable cause) {
        super(Kind.FAILED, message, cause);
    }
}
