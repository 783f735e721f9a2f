package io.sark.migrate.cli;

import io.sark.migrate.errors.SarkMigrateException;

/** The user asked for something that cannot be done as asked; the message says what to ask instead. */
final class UsageException extends SarkMigrateException {

    UsageException(String message) {
        super(Kind.USAGE, message);
    }
}
