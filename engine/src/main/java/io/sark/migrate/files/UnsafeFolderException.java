package io.sark.migrate.files;

import io.sark.migrate.errors.SarkMigrateException;

/** A folder sark-migrate would keep files or run programs from is not private to the user running it. */
public final class UnsafeFolderException extends SarkMigrateException {

    public UnsafeFolderException(String message) {
        super(Kind.USAGE, message);
    }

    public UnsafeFolderException(String message, Throwable cause) {
        super(Kind.USAGE, message, cause);
    }
}
