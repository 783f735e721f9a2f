package io.sark.migrate.report;

import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.ForeignKey;
import io.sark.migrate.schema.Identifiers;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.Table;
import io.sark.migrate.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an entity-relationship diagram shows: a box per table with its columns and keys, a link per foreign key; in a
 * review, the tables a revision touches marked, and what it added or changed in them.
 *
 * @param boxes the tables, by name
 * @param links the foreign keys between them (a key to a table not drawn is left out)
 */
public record ErDiagram(List<Box> boxes, List<Link> links) {

    /** What a review says happened to a table or a column. */
    public enum Mark {
        NONE, ADDED, CHANGED
    }

    /** A key a column takes part in. */
    public enum Key {
        PK, FK, UK
    }

    /**
     * A table.
     *
     * @param name    as the catalog holds it ({@code audit_events}; {@code reporting.sales} in another schema)
     * @param comment its comment, or null
     * @param mark    what the reviewed revision did to it
     * @param rows    its columns in order
     */
    public record Box(String name, String comment, Mark mark, List<Row> rows) {
        public Box {
            rows = List.copyOf(rows);
        }
    }

    /**
     * A column.
     *
     * @param name     its name
     * @param type     its type as the catalog or the changeset writes it
     * @param nullable whether it allows NULL
     * @param keys     the keys it takes part in
     * @param mark     what the reviewed revision did to it
     * @param comment  its comment, or null
     */
    public record Row(String name, String type, boolean nullable, Set<Key> keys, Mark mark, String comment) {
        public Row {
            keys = keys.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(keys));
        }
    }

    /**
     * A foreign key: many rows of {@code from} to one of {@code to}.
     *
     * @param from     the referencing table
     * @param to       the referenced table
     * @param name     the constraint's name
     * @param columns  the referencing columns (empty where a changeset's SQL does not say)
     * @param optional whether a row of {@code from} may reference none (a column allows NULL)
     * @param oneToOne whether the referencing columns are unique too (at most one row of {@code from} per row of {@code to})
     */
    public record Link(String from, String to, String name, List<String> columns, boolean optional, boolean oneToOne) {
        public Link {
            columns = List.copyOf(columns);
        }
    }

    public ErDiagram {
        boxes = List.copyOf(boxes);
        links = List.copyOf(links);
    }

    /** Every table of {@code schema}. */
    public static ErDiagram of(Schema schema) {
        return around(schema, schema.tables().keySet(), Map.of(), Map.of());
    }

    /**
     * The tables named in {@code focus} and their neighbours by foreign key (either way), with {@code tableMarks} and
     * {@code columnMarks} ("table" → "column" → mark) on what a revision did.
     */
    public static ErDiagram around(Schema schema, Set<String> focus, Map<String, Mark> tableMarks, Map<String, Map<String, Mark>> columnMarks) {
        Set<String> drawn = new TreeSet<>();
        for (String name : focus) {
            if (schema.tables().containsKey(name)) {
                drawn.add(name);
            }
        }
        if (drawn.size() < schema.tables().size()) {
            Set<String> neighbours = new TreeSet<>();
            for (Table table : schema.tables().values()) {
                for (ForeignKey fk : table.foreignKeys().values()) {
                    if (drawn.contains(table.name()) && schema.tables().containsKey(fk.referencedTable())) {
                        neighbours.add(fk.referencedTable());
                    }
                    if (drawn.contains(fk.referencedTable())) {
                        neighbours.add(table.name());
                    }
                }
            }
            drawn.addAll(neighbours);
        }
        List<Box> boxes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (String name : drawn) {
            Table table = schema.tables().get(name);
            Map<String, Mark> marks = columnMarks.getOrDefault(name, Map.of());
            List<Row> rows = new ArrayList<>();
            for (Column column : table.columns()) {
                rows.add(new Row(column.name(), column.type(), column.nullable(), keys(table, column.name()),
                        marks.getOrDefault(column.name(), Mark.NONE), column.comment()));
            }
            boxes.add(new Box(name, table.comment(), tableMarks.getOrDefault(name, Mark.NONE), rows));
            for (ForeignKey fk : table.foreignKeys().values()) {
                if (!drawn.contains(fk.referencedTable())) {
                    continue;
                }
                boolean optional = fk.columns().stream().anyMatch(c -> table.columns().stream().anyMatch(col -> col.name().equals(c) && col.nullable()));
                links.add(new Link(name, fk.referencedTable(), fk.name(), fk.columns(), optional, unique(table, fk.columns())));
            }
        }
        return new ErDiagram(boxes, links);
    }

    /** The box of {@code table}, if drawn. */
    public Box box(String table) {
        return boxes.stream().filter(b -> b.name().equals(table)).findFirst().orElse(null);
    }

    /** A table's name as a reader reads it: {@code reporting.sales}, not the model's qualified form. */
    public static String display(String table) {
        return table.indexOf(Identifiers.QUALIFIER) >= 0 ? Identifiers.schemaOf(table) + "." + Identifiers.nameOf(table) : table;
    }

    private static Set<Key> keys(Table table, String column) {
        Set<Key> keys = EnumSet.noneOf(Key.class);
        if (table.primaryKey() != null && table.primaryKey().columns().contains(column)) {
            keys.add(Key.PK);
        }
        if (table.foreignKeys().values().stream().anyMatch(fk -> fk.columns().contains(column))) {
            keys.add(Key.FK);
        }
        if (table.uniqueConstraints().values().stream().anyMatch(u -> u.columns().contains(column))
                || table.indexes().values().stream().anyMatch(i -> i.unique() && i.keys().contains(column))) {
            keys.add(Key.UK);
        }
        return keys;
    }

    private static boolean unique(Table table, List<String> columns) {
        if (columns.isEmpty()) {
            return false;
        }
        Set<String> wanted = new LinkedHashSet<>(columns);
        if (table.primaryKey() != null && wanted.equals(new LinkedHashSet<>(table.primaryKey().columns()))) {
            return true;
        }
        for (UniqueConstraint u : table.uniqueConstraints().values()) {
            if (wanted.equals(new LinkedHashSet<>(u.columns()))) {
                return true;
            }
        }
        return table.indexes().values().stream().anyMatch(i -> i.unique() && i.where() == null && wanted.equals(new LinkedHashSet<>(i.keys())));
    }
}
