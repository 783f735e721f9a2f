package io.sark.migrate.engine.guard;

import io.sark.migrate.errors.SarkMigrateException;

/** A downgrade would destroy data, and was not allowed to; nothing ran. The message lists what would be lost. */
public final class DataLossException extends SarkMigrateException {

    public DataLossException(String message) {
        super(Kind.FAILED, message);
    }
}
