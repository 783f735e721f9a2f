package io.sark.migrate.cli;

/** The user asked for something that cannot be done as asked; the message says what to ask instead. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
