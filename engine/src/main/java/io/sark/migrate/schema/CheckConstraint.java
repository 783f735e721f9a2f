package io.sark.migrate.schema;

/**
 * A CHECK constraint.
 *
 * @param name       its name
 * @param expression what it checks, without the CHECK keyword ({@link Expressions#normalize})
 */
public record CheckConstraint(String name, String expression) {

    /** The same constraint under another name. */
    public CheckConstraint withName(String newName) {
        return new CheckConstraint(newName, expression);
    }
}
