/**
 * What JPA cannot say about a PostgreSQL schema, said for sark-migrate's generator: indexes with predicates,
 * orderings, expressions or other access methods ({@link io.sark.migrate.model.annotations.PgIndex}), renames
 * ({@link io.sark.migrate.model.annotations.RenamedFrom}), TimescaleDB hypertables
 * ({@link io.sark.migrate.model.annotations.Hypertable}). Check constraints use Hibernate's own {@code @Check}.
 */
package io.sark.migrate.model.annotations;
