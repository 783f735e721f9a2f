/**
 * SARK's schema as JPA entities: the single source of truth that sark-migrate compares databases against.
 *
 * <p>Everything the schema holds is said here: column names, types, lengths and nullability through JPA;
 * server defaults through {@code @ColumnDefault}, written in SQL as PostgreSQL would accept it; foreign key names
 * and ON DELETE actions through {@code @ForeignKey} and {@code @OnDelete}; index and constraint names through
 * {@code @Table}; PostgreSQL enum types through {@code @JdbcTypeCode(SqlTypes.NAMED_ENUM)} on Java enums whose
 * constants are the type's labels.
 */
package io.sark.migrate.model;
