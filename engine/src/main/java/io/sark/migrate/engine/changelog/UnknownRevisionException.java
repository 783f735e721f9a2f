package io.sark.migrate.engine.changelog;

import io.sark.migrate.errors.SarkMigrateException;

/** A revision or target named by the user does not exist, or cannot be reached from where the database is. */
public final class UnknownRevisionException extends SarkMigrateException {

    public UnknownRevisionException(String message) {
        super(Kind.USAGE, message);
    }
}
