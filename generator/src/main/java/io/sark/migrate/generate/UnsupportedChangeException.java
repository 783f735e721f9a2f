package io.sark.migrate.generate;

/** A difference sark-migrate can report but not (yet) write as a changeset; the message says what to write by hand. */
public final class UnsupportedChangeException extends RuntimeException {

    public UnsupportedChangeException(String message) {
        super(message);
    }
}
