package io.sark.migrate.schema;

import java.io.Serializable;
import java.util.List;

/**
 * A UNIQUE constraint (which PostgreSQL backs with an index of the same name). Kept apart from a unique
 * {@link Index}: SARK has both on the same columns, and they are different objects to create and drop.
 *
 * @param name    its name
 * @param columns its columns, in order
 */
public record UniqueConstraint(String name, List<String> columns) implements Serializable {

    /** The same constraint under another name. */
    public UniqueConstraint withName(String newName) {
        return new UniqueConstraint(newName, columns);
    }

    public UniqueConstraint {
        columns = List.copyOf(columns);
    }
}
