package io.sark.migrate.changes;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A column as an ADD COLUMN defines it.
 *
 * @param type         its type as written ({@code varchar(20)}, {@code timestamptz})
 * @param defaultValue its default expression as written, or null for none
 * @param notNull      whether it is declared NOT NULL (or PRIMARY KEY)
 * @param generated    whether the database generates its values: an identity, a serial, a default from a sequence
 */
public record ColumnDefinition(String type, String defaultValue, boolean notNull, boolean generated) {

    private static final Pattern SERIAL = Pattern.compile("(small|big)?serial[248]?");

    /** A column whose values the database generates only if its type is a serial or its default takes a sequence's next value. */
    public ColumnDefinition(String type, String defaultValue, boolean notNull) {
        this(type, defaultValue, notNull, generatedBy(type, defaultValue));
    }

    static boolean generatedBy(String type, String defaultValue) {
        return type != null && SERIAL.matcher(type.strip().toLowerCase(Locale.ROOT)).matches()
                || defaultValue != null && defaultValue.toLowerCase(Locale.ROOT).contains("nextval(");
    }
}
