package io.sark.migrate.schema;

import java.io.Serializable;

/**
 * A CHECK constraint.
 *
 * @param name       its name
 * @param expression what it checks, without the CHECK keyword ({@link Expressions#normalize})
 */
public record CheckConstraint(String name, String expression) implements Serializable {

    /** The same constraint under another name. */
    public CheckConstraint withName(String newName) {
        return new CheckConstraint(newName, expression);
    }
}
