package io.sark.migrate.engine;

import java.util.List;

/** A database's schema is not what its recorded revision says; nothing was changed. Carries every difference. */
public final class SchemaDriftException extends RuntimeException {

    private final List<String> differences;

    public SchemaDriftException(String message, List<String> differences) {
        super(message);
        this.differences = List.copyOf(differences);
    }

    /** Each difference in one line: {@code differs column users.email: expected ..., found ...}. */
    public List<String> differences() {
        return differences;
    }
}
