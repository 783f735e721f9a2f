package io.sark.migrate.postgres;

import io.sark.migrate.errors.SarkMigrateException;

/** The connection settings are unusable as given (a malformed URL, an unreadable password file). */
public final class ConfigurationException extends SarkMigrateException {

    public ConfigurationException(String message) {
        super(Kind.USAGE, message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(Kind.USAGE, message, cause);
    }
}
