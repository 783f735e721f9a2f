package io.sark.migrate.engine;

/** SQL identifiers written into statements: always quoted, so that no name can end the identifier and add SQL. */
final class Identifiers {

    private Identifiers() {
    }

    /** {@code audit_events} → {@code "audit_events"}; {@code a"b} → {@code "a""b"}; {@code public.t} → {@code "public"."t"}. */
    static String quote(String name) {
        StringBuilder quoted = new StringBuilder();
        for (String part : name.split("\\.", -1)) {
            if (!quoted.isEmpty()) {
                quoted.append('.');
            }
            quoted.append('"').append(part.replace("\"", "\"\"")).append('"');
        }
        return quoted.toString();
    }
}
