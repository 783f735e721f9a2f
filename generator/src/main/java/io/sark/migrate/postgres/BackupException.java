package io.sark.migrate.postgres;

/** The backup asked for before a migration could not be made; nothing was migrated. The message says why. */
public final class BackupException extends RuntimeException {

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
