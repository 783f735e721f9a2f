package io.sark.migrate.schema;

/**
 * A CHECK constraint.
 *
 * @param name       its name
 * @param expression what it checks, without the CHECK keyword ({@link Expressions#normalize})
 */
public record CheckConstraint(String name, String expression) {
}
