package io.sark.migrate.schema;

import java.io.Serializable;
import java.util.List;

/**
 * A primary key.
 *
 * @param name    the constraint's name
 * @param columns its columns, in key order
 */
public record PrimaryKey(String name, List<String> columns) implements Serializable {

    public PrimaryKey {
        columns = List.copyOf(columns);
    }
}
