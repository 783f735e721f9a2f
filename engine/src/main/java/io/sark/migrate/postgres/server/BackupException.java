package io.sark.migrate.postgres.server;

import io.sark.migrate.errors.SarkMigrateException;

/** The backup asked for before a migration could not be made; nothing was migrated. The message says why. */
public final class BackupException extends SarkMigrateException {

    public BackupException(String message) {
        super(Kind.FAILED, message);
    }

    public BackupException(String message, Throwable cause) {
        super(Kind.FAILED, message, cause);
    }
}
