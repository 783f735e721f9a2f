package io.sark.migrate.cli;

/** The user asked for something that does not exist (a revision, say); the message says what exists instead. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
