package io.sark.migrate.engine;

/** A downgrade would destroy data, and was not allowed to; nothing ran. The message lists what would be lost. */
public final class DataLossException extends RuntimeException {

    public DataLossException(String message) {
        super(message);
    }
}
