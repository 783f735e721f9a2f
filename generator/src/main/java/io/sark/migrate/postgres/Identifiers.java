package io.sark.migrate.postgres;

/** SQL identifiers written into statements, quoted, so that no name can end the identifier and add SQL of its own. */
public final class Identifiers {

    private Identifiers() {
    }

    /** {@code audit_events} → {@code "audit_events"}; {@code a"b} → {@code "a""b"}. */
    public static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
