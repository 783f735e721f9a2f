package io.sark.migrate.model.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity's table as a TimescaleDB hypertable, with its policies. The generator emits the conversion and the
 * policies guarded, so that the same changelog runs on plain PostgreSQL (where each step is skipped with a notice).
 * TimescaleDB needs {@link #timeColumn()} in the primary key and in every unique index; the generator refuses a
 * hypertable without it, and says what to change.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Hypertable {

    /** The column the table is partitioned by. */
    String timeColumn();

    /** The chunk interval, e.g. {@code "7 days"}; empty for TimescaleDB's default. */
    String chunkInterval() default "";

    /** Columns to segment compressed chunks by, e.g. {@code "event_type"}; empty for no compression. */
    String compressSegmentBy() default "";

    /** Compress chunks older than this, e.g. {@code "7 days"}; empty for no compression policy. */
    String compressAfter() default "";

    /** Drop chunks older than this, e.g. {@code "90 days"}; empty for no retention policy. */
    String retention() default "";
}
