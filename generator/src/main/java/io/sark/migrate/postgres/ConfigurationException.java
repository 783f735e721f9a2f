package io.sark.migrate.postgres;

/** The connection settings are unusable as given (a malformed URL, an unreadable password file). */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
