package io.sark.migrate.schema;

import java.util.List;

/**
 * An index created for itself (not one PostgreSQL made for a constraint).
 *
 * @param name    its name
 * @param columns its columns, in order
 * @param unique  whether it is a unique index
 */
public record Index(String name, List<String> columns, boolean unique) {

    public Index {
        columns = List.copyOf(columns);
    }
}
