package io.sark.migrate.schema;

import java.io.Serializable;
import java.util.Map;

/**
 * Renames the entities declare ({@code @RenamedFrom}): a declared rename keeps the data, where a drop and an add
 * would lose it.
 *
 * @param tables  old table name by new table name
 * @param columns by (new) table name: old column name by new column name
 */
public record Renames(Map<String, String> tables, Map<String, Map<String, String>> columns) implements Serializable {

    public Renames {
        tables = Map.copyOf(tables);
        columns = Map.copyOf(columns);
    }

    public static Renames none() {
        return new Renames(Map.of(), Map.of());
    }
}
