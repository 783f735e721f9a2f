package io.sark.migrate.schema;

/**
 * A column.
 *
 * @param name         its name
 * @param type         its type, as PostgreSQL's {@code format_type} spells it ({@link SqlTypes#normalize})
 * @param nullable     whether it accepts NULL
 * @param defaultValue its server default as an SQL expression ({@link Defaults#normalize}), or null
 * @param comment      its comment, or null
 */
public record Column(String name, String type, boolean nullable, String defaultValue, String comment) {
}
