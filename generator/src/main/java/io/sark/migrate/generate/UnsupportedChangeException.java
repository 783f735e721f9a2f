package io.sark.migrate.generate;

import io.sark.migrate.errors.SarkMigrateException;

/** A difference sark-migrate can report but not (yet) write as a changeset; the message says what to write by hand. */
public final class UnsupportedChangeException extends SarkMigrateException {

    public UnsupportedChangeException(String message) {
        super(Kind.FAILED, message);
    }
}
