package io.sark.migrate.diff;

import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.SqlTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The differences of an existing project's database from its entities, with what the database has beyond them kept
 * ({@code --keep-extras}): the entities are authoritative for what they declare, not for the rest. Never proposed: a
 * drop of a table, column, index, constraint (a primary key too: a collection table's, which JPA declares none for),
 * sequence or enum type no entity declares; dropping a default (also with a type change the entities need); relaxing
 * NOT NULL where the entities allow NULL; narrowing a type the database holds wider. Still proposed: everything the
 * entities declare and the database lacks or holds narrower or otherwise, and, for an extra column that is NOT NULL
 * without a default (Hibernate's inserts, which leave it out, would fail), DROP NOT NULL in place of its drop.
 */
public final class KeptExtras {

    /**
     * The changes to propose and those kept.
     *
     * @param proposed what the revision makes
     * @param kept     what the database has beyond the entities, left as it is
     * @param risks    for each proposed type change, the risk it carries, in one line: the project chose the
     *                 database's types, and changing one to the entities' is a decision, not a formality
     */
    public record Split(List<SchemaChange> proposed, List<SchemaChange> kept, List<String> risks) {

        /** All proposed, nothing kept: the exact comparison. */
        public static Split exact(List<SchemaChange> changes) {
            return new Split(List.copyOf(changes), List.of(), List.of());
        }

        /** "12 index drops, 3 relaxed NOT NULLs" for one notice line: each kind kept, counted. */
        public String counted() {
            Map<String, Integer> counts = new TreeMap<>();
            kept.forEach(change -> counts.merge(kind(change), 1, Integer::sum));
            return String.join(", ", counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
        }
    }

    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");

    private KeptExtras() {
    }

    /** {@code changes} (from the database to the entities) split into what to propose and what to keep. */
    public static Split of(List<SchemaChange> changes) {
        List<SchemaChange> proposed = new ArrayList<>();
        List<SchemaChange> kept = new ArrayList<>();
        for (SchemaChange change : changes) {
            if (change instanceof SchemaChange.DropColumn drop && !insertable(drop.column())) {
                kept.add(change);
                proposed.add(new SchemaChange.ChangeNullability(drop.table(), drop.column().name(), drop.column().type(), true));
            } else if (keeps(change)) {
                kept.add(change);
            } else if (change instanceof SchemaChange.ChangeColumnType t && t.toDefault() == null && t.fromDefault() != null) {
                // a type the entities need, and the default the database has beyond them kept
                proposed.add(new SchemaChange.ChangeColumnType(t.table(), t.column(), t.fromType(), t.toType(), t.fromDefault(), t.fromDefault()));
            } else if (change instanceof SchemaChange.ChangeColumnTypeByCopy t && t.toDefault() == null && t.from().defaultValue() != null) {
                proposed.add(new SchemaChange.ChangeColumnTypeByCopy(t.table(), t.from(), t.toType(), t.from().defaultValue()));
            } else {
                proposed.add(change);
            }
        }
        return new Split(List.copyOf(proposed), List.copyOf(kept), risks(proposed));
    }

    /** The risk of each type change in {@code proposed}: a column narrower than the entities', or of another kind. */
    private static List<String> risks(List<SchemaChange> proposed) {
        List<String> risks = new ArrayList<>();
        for (SchemaChange change : proposed) {
            if (change instanceof SchemaChange.ChangeColumnType t) {
                risks.add(risk(t.table() + "." + t.column(), t.fromType(), t.toType()));
            } else if (change instanceof SchemaChange.ChangeColumnTypeByCopy t) {
                risks.add(risk(t.table() + "." + t.from().name(), t.from().type(), t.toType()));
            }
        }
        return List.copyOf(risks);
    }

    private static String risk(String column, String held, String declared) {
        String h = SqlTypes.normalize(held);
        String d = SqlTypes.normalize(declared);
        if (family(h).equals(family(d))) {
            return column + " is " + h + " in the database, narrower than the entities' " + d + ": a value the entities allow and the"
                    + " column does not is refused on insert until the change is applied; widening keeps every row"
                    + (SqlTypes.rewrites(h, d) ? ", and rewrites the table (see its lock in the review)." : ".");
        }
        return column + " is " + h + " in the database and the entities declare " + d + ", another kind of type: converting fails at the"
                + " first row whose value does not read as " + d + ", and what else reads the column (reports, other services) may rely on "
                + h + ". Check the rows first, or declare the column as the database has it (columnDefinition = \"" + h + "\").";
    }

    /** The kind of values a type holds: numbers, text, or the type itself. */
    private static String family(String type) {
        String base = SqlTypes.base(type);
        if (INTEGERS.contains(base) || List.of("numeric", "real", "double precision").contains(base)) {
            return "number";
        }
        if (List.of("text", "character varying", "character").contains(base)) {
            return "text";
        }
        return base;
    }

    private static boolean keeps(SchemaChange change) {
        return change instanceof SchemaChange.DropTable || change instanceof SchemaChange.DropColumn
                || change instanceof SchemaChange.DropIndex || change instanceof SchemaChange.DropUniqueConstraint
                || change instanceof SchemaChange.DropCheck || change instanceof SchemaChange.DropForeignKey
                || change instanceof SchemaChange.DropSequence || change instanceof SchemaChange.DropEnumType
                || change instanceof SchemaChange.DropPrimaryKey
                || change instanceof SchemaChange.ChangeSequenceOwner owner && owner.to() == null
                || change instanceof SchemaChange.ChangeDefault d && d.to() == null
                || change instanceof SchemaChange.ChangeTableComment c && c.to() == null
                || change instanceof SchemaChange.ChangeColumnComment c && c.to() == null
                || change instanceof SchemaChange.ChangeNullability n && n.nullable()
                || change instanceof SchemaChange.ChangeColumnType t && wider(t.fromType(), t.toType())
                || change instanceof SchemaChange.ChangeColumnTypeByCopy t && wider(t.from().type(), t.toType());
    }

    /** Whether every value of the entities' type {@code declared} fits the database's {@code held} as it is. */
    static boolean wider(String held, String declared) {
        String h = SqlTypes.normalize(held);
        String d = SqlTypes.normalize(declared);
        if (h.equals(d)) {
            return false;
        }
        if (INTEGERS.contains(h) && INTEGERS.contains(d)) {
            return INTEGERS.indexOf(h) > INTEGERS.indexOf(d);
        }
        if (h.equals("double precision") && d.equals("real")) {
            return true;
        }
        boolean strings = (h.equals("text") || SqlTypes.base(h).equals("character varying"))
                && (d.equals("text") || SqlTypes.base(d).equals("character varying"));
        boolean numerics = SqlTypes.base(h).equals("numeric") && SqlTypes.base(d).equals("numeric");
        // From the declared type to the held one PostgreSQL needs no rewrite: the held one takes every declared value.
        return (strings || numerics) && !SqlTypes.rewrites(d, h);
    }

    private static String kind(SchemaChange change) {
        if (change instanceof SchemaChange.DropTable) return "table drop(s)";
        if (change instanceof SchemaChange.DropColumn) return "column drop(s)";
        if (change instanceof SchemaChange.DropIndex) return "index drop(s)";
        if (change instanceof SchemaChange.DropUniqueConstraint || change instanceof SchemaChange.DropCheck
                || change instanceof SchemaChange.DropPrimaryKey
                || change instanceof SchemaChange.DropForeignKey) return "constraint drop(s)";
        if (change instanceof SchemaChange.DropSequence || change instanceof SchemaChange.ChangeSequenceOwner) return "sequence change(s)";
        if (change instanceof SchemaChange.DropEnumType) return "enum type drop(s)";
        if (change instanceof SchemaChange.ChangeDefault) return "default drop(s)";
        if (change instanceof SchemaChange.ChangeNullability) return "NOT NULL relaxation(s)";
        if (change instanceof SchemaChange.ChangeTableComment || change instanceof SchemaChange.ChangeColumnComment) return "comment removal(s)";
        return "type narrowing(s)";
    }

    /** Whether Hibernate's inserts, which leave the column out, still work: it takes NULL, has a default, or is an identity. */
    private static boolean insertable(Column column) {
        return column.nullable() || column.defaultValue() != null || column.identity() != null;
    }
}
