package io.sark.migrate.diff;

import io.sark.migrate.schema.Hypertable;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The hypertables' part of the diff: {@code @Hypertable} declared, changed or dropped, and what TimescaleDB refuses
 * (a key without the time column, another partitioning column, a hypertable made plain again), decided here with
 * the reason.
 */
final class HypertableDiff {

    private HypertableDiff() {
    }

    /** What makes {@code current}'s hypertables {@code desired}'s, or the refusal that says why it cannot. */
    static List<SchemaChange> changes(Schema current, Schema desired) {
        List<SchemaChange> hypertables = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(current.hypertables().keySet());
        names.addAll(desired.hypertables().keySet());
        for (String name : names) {
            Hypertable from = current.hypertables().get(name);
            Hypertable to = desired.hypertables().get(name);
            if (Objects.equals(from, to)) {
                continue;
            }
            if (to == null) {
                hypertables.add(new SchemaChange.RefusedHypertable(name, "Hypertable " + name + " is no longer declared one: TimescaleDB"
                        + " cannot turn a hypertable back into a plain table. Keep @Hypertable, or copy the data into a new plain table by hand."));
                continue;
            }
            String problem = timeColumnProblem(desired.tables().get(name), name, to.timeColumn());
            if (problem != null) {
                hypertables.add(new SchemaChange.RefusedHypertable(name, problem));
                continue;
            }
            if (from != null && !from.timeColumn().equals(to.timeColumn())) {
                hypertables.add(new SchemaChange.RefusedHypertable(name, "Hypertable " + name + " is partitioned by " + from.timeColumn()
                        + ": TimescaleDB cannot change the partitioning column of a hypertable. Keep " + from.timeColumn() + "."));
                continue;
            }
            if (from == null) {
                hypertables.add(new SchemaChange.ConvertToHypertable(name, to.timeColumn(), to.chunkInterval()));
                from = new Hypertable(to.timeColumn(), to.chunkInterval(), "", "", "");
            }
            if (!from.chunkInterval().equals(to.chunkInterval())) {
                hypertables.add(new SchemaChange.ChangeChunkInterval(name, from.chunkInterval(), to.chunkInterval()));
            }
            if (!from.compressSegmentBy().equals(to.compressSegmentBy()) || !from.compressAfter().equals(to.compressAfter())) {
                hypertables.add(new SchemaChange.ChangeCompression(name, from.compressSegmentBy(), from.compressAfter(),
                        to.compressSegmentBy(), to.compressAfter()));
            }
            if (!from.retention().equals(to.retention())) {
                hypertables.add(new SchemaChange.ChangeRetention(name, from.retention(), to.retention()));
            }
        }
        return hypertables;
    }

    /**
     * Why TimescaleDB would refuse {@code table} as a hypertable partitioned by {@code timeColumn}, or null: the column
     * must exist, and every primary key, UNIQUE constraint and unique index must include it.
     */
    private static String timeColumnProblem(Table table, String name, String timeColumn) {
        if (table == null || table.column(timeColumn).isEmpty()) {
            return "Hypertable " + name + " has no column " + timeColumn + " to partition by: fix @Hypertable(timeColumn).";
        }
        List<String> blocking = new ArrayList<>();
        if (table.primaryKey() != null && !table.primaryKey().columns().contains(timeColumn)) {
            blocking.add("its primary key (" + String.join(", ", table.primaryKey().columns()) + ")");
        }
        table.uniqueConstraints().values().stream().filter(u -> !u.columns().contains(timeColumn))
                .forEach(u -> blocking.add("UNIQUE constraint " + u.name()));
        table.indexes().values().stream().filter(i -> i.unique() && !i.keys().contains(timeColumn))
                .forEach(i -> blocking.add("unique index " + i.name()));
        if (blocking.isEmpty()) {
            return null;
        }
        return name + " cannot become a hypertable: TimescaleDB needs " + timeColumn + " in every primary key and unique index, and "
                + String.join(", ", blocking) + " leave(s) it out. Add " + timeColumn + " to them"
                + (table.primaryKey() != null && !table.primaryKey().columns().contains(timeColumn)
                ? " (the key becomes (" + String.join(", ", table.primaryKey().columns()) + ", " + timeColumn + "))" : "") + ".";
    }

}
