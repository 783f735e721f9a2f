package io.sark.migrate.changes;

/**
 * A column as an ADD COLUMN defines it.
 *
 * @param type         its type as written ({@code varchar(20)}, {@code timestamptz})
 * @param defaultValue its default expression as written, or null for none
 * @param notNull      whether it is declared NOT NULL (or PRIMARY KEY)
 */
public record ColumnDefinition(String type, String defaultValue, boolean notNull) {
}
