package io.sark.migrate.model.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A PostgreSQL index that JPA's {@code @Index} cannot say: partial ({@link #where()}), descending
 * ({@code "timestamp DESC"}), on expressions ({@code "lower(email)"}), or with another access method
 * ({@link #using()} {@code "gin"} for jsonb). Put it on the entity class; sark-migrate's generator reads it.
 *
 * <pre>{@code
 * @PgIndex(name = "ix_audit_events_denied", columns = "timestamp DESC", where = "decision = 'deny'")
 * @PgIndex(name = "ix_mcp_servers_tags", columns = "tags", using = "gin")
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(PgIndexes.class)
public @interface PgIndex {

    /** The index's name. */
    String name();

    /** Its keys, in order: column names, optionally followed by DESC and NULLS FIRST/LAST, or expressions. */
    String[] columns();

    /** The predicate of a partial index, as SQL; empty for a whole-table index. */
    String where() default "";

    /** The access method: btree (the default), gin, gist, hash, brin. */
    String using() default "btree";

    /** Whether it is a unique index. */
    boolean unique() default false;
}
