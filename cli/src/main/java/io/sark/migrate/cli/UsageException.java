package io.sark.migrate.cli;

/** The user asked for something that cannot be done as asked; the message says what to ask instead. */
final class UsageException extends io.sark.migrate.errors.SarkMigrateException {

    UsageException(String message) {
        super(Kind.USAGE, message);
    }
}
