package io.sark.migrate.schema;

import java.io.Serializable;

/**
 * A sequence (not the one behind an identity column, which belongs to its column).
 *
 * @param name      its name
 * @param type      its data type: {@code bigint}, {@code integer} or {@code smallint}
 * @param start     its START WITH
 * @param increment its INCREMENT BY (Hibernate's {@code allocationSize})
 * @param minValue  its MINVALUE
 * @param maxValue  its MAXVALUE
 * @param cache     its CACHE
 * @param cycle     whether it cycles
 * @param ownedBy   the column that owns it ({@code table.column}: dropped with it, as a {@code serial}'s is), or null
 */
public record Sequence(String name, String type, long start, long increment, long minValue, long maxValue, long cache, boolean cycle,
                       String ownedBy) implements Serializable {

    /** The same sequence owned by another column (or none). */
    public Sequence withOwner(String owner) {
        return new Sequence(name, type, start, increment, minValue, maxValue, cache, cycle, owner);
    }

    /** The same sequence with another START. */
    public Sequence withStart(long newStart) {
        return new Sequence(name, type, newStart, increment, minValue, maxValue, cache, cycle, ownedBy);
    }

    /** The same sequence under another name. */
    public Sequence withName(String newName) {
        return new Sequence(newName, type, start, increment, minValue, maxValue, cache, cycle, ownedBy);
    }

    /** Whether the two differ in anything but their owner. */
    public boolean differsFrom(Sequence other) {
        return !withOwner(null).equals(other.withOwner(null));
    }

    /** The table of its owning column, or null. */
    public String ownerTable() {
        return ownedBy == null ? null : ownedBy.substring(0, ownedBy.lastIndexOf('.'));
    }

    /** The MINVALUE PostgreSQL gives an ascending sequence of {@code type} when none is said. */
    public static long defaultMin(long increment, String type) {
        return increment > 0 ? 1 : typeMin(type);
    }

    /** The MAXVALUE PostgreSQL gives a sequence of {@code type} when none is said. */
    public static long defaultMax(long increment, String type) {
        return increment > 0 ? typeMax(type) : -1;
    }

    private static long typeMax(String type) {
        return switch (type) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    private static long typeMin(String type) {
        return switch (type) {
            case "smallint" -> Short.MIN_VALUE;
            case "integer" -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }
}
