package io.sark.migrate.schema;

import java.util.List;

/**
 * A PostgreSQL enum type.
 *
 * @param name   its name
 * @param labels its labels, in their sort order
 */
public record EnumType(String name, List<String> labels) {

    public EnumType {
        labels = List.copyOf(labels);
    }
}
