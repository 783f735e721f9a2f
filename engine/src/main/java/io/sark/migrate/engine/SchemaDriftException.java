package io.sark.migrate.engine;

import io.sark.migrate.errors.SarkMigrateException;

import java.util.List;

/** A database's schema is not what its recorded revision says; nothing was changed. Carries every difference. */
public final class SchemaDriftException extends SarkMigrateException {

    private final List<String> differences;

    public SchemaDriftException(String message, List<String> differences) {
        super(Kind.FAILED, message);
        this.differences = List.copyOf(differences);
    }

    /** Each difference in one line: {@code differs column users.email: expected ..., found ...}. */
    public List<String> differences() {
        return differences;
    }
}
