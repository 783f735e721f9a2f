package io.sark.migrate.schema;

import java.io.Serializable;
import java.util.List;

/**
 * A PostgreSQL enum type.
 *
 * @param name   its name
 * @param labels its labels, in their sort order
 */
public record EnumType(String name, List<String> labels) implements Serializable {

    public EnumType {
        labels = List.copyOf(labels);
    }
}
