package io.sark.migrate.schema;

import java.io.Serializable;
import java.util.List;

/**
 * A foreign key.
 *
 * @param name              its name
 * @param columns           its columns, in order
 * @param referencedTable   the table it points at
 * @param referencedColumns the columns it points at, in order
 * @param onDelete          what happens on delete of the referenced row
 * @param onUpdate          what happens on update of the referenced key
 */
public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns,
                         Action onDelete, Action onUpdate) implements Serializable {

    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }

    /** The same key under another name. */
    public ForeignKey withName(String newName) {
        return new ForeignKey(newName, columns, referencedTable, referencedColumns, onDelete, onUpdate);
    }

    /** The same key on other columns. */
    public ForeignKey withColumns(List<String> newColumns) {
        return new ForeignKey(name, newColumns, referencedTable, referencedColumns, onDelete, onUpdate);
    }

    /** The same key pointing at another table's columns. */
    public ForeignKey pointingAt(String table, List<String> columns) {
        return new ForeignKey(name, this.columns, table, columns, onDelete, onUpdate);
    }

    /** A referential action, spelled as SQL spells it. */
    public enum Action {
        NO_ACTION("NO ACTION"), RESTRICT("RESTRICT"), CASCADE("CASCADE"), SET_NULL("SET NULL"), SET_DEFAULT("SET DEFAULT");

        private final String sql;

        Action(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }
}
