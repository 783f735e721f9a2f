package io.sark.migrate.schema;

import java.io.Serializable;

/**
 * A TimescaleDB hypertable declaration: the table is partitioned by {@code timeColumn}, with optional policies.
 * Empty strings mean "not set".
 *
 * @param timeColumn        the partitioning column
 * @param chunkInterval     the chunk interval ({@code 7 days}), or empty for TimescaleDB's default
 * @param compressSegmentBy columns compressed chunks are segmented by, or empty
 * @param compressAfter     compress chunks older than this, or empty for no compression policy
 * @param retention         drop chunks older than this, or empty for no retention policy
 */
public record Hypertable(String timeColumn, String chunkInterval, String compressSegmentBy, String compressAfter, String retention) implements Serializable {

    public boolean compressed() {
        return !compressAfter.isEmpty();
    }
}
