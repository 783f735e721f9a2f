package io.sark.migrate.postgres;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * SQL identifiers: quoted when written into statements, so that no name can end the identifier and add SQL of its
 * own; and shortened as PostgreSQL shortens them, so that what is written is what is read back.
 */
public final class Identifiers {

    /** NAMEDATALEN - 1: the most bytes PostgreSQL keeps of a name. */
    public static final int MAX_BYTES = 63;

    private Identifiers() {
    }

    /** {@code audit_events} → {@code "audit_events"}; {@code a"b} → {@code "a""b"}. */
    public static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A string as an SQL literal: {@code it's} → {@code 'it''s'}. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * The name PostgreSQL keeps of {@code name} ({@code truncate_identifier}): its first 63 bytes in UTF-8, never
     * splitting a character.
     */
    public static String truncate(String name) {
        return clip(name, MAX_BYTES);
    }

    /** Whether PostgreSQL would shorten {@code name}. */
    public static boolean tooLong(String name) {
        return bytes(name) > MAX_BYTES;
    }

    /**
     * The name PostgreSQL gives a constraint or index it names itself ({@code makeObjectName} in
     * {@code indexcmds.c}): {@code table_columns_label}, with the longer of table and columns shortened a byte at a time
     * until the whole fits in 63 bytes. {@code users_email_key}, {@code orders_customer_id_fkey}.
     */
    public static String objectName(String table, List<String> columns, String label) {
        String name2 = String.join("_", columns);
        int avail = MAX_BYTES - (name2.isEmpty() ? 0 : 1) - (label.isEmpty() ? 0 : label.length() + 1);
        int name1Bytes = bytes(table);
        int name2Bytes = bytes(name2);
        while (name1Bytes + name2Bytes > avail) {
            if (name1Bytes > name2Bytes) {
                name1Bytes--;
            } else {
                name2Bytes--;
            }
        }
        StringBuilder name = new StringBuilder(clip(table, name1Bytes));
        if (!name2.isEmpty()) {
            name.append('_').append(clip(name2, name2Bytes));
        }
        if (!label.isEmpty()) {
            name.append('_').append(label);
        }
        return name.toString();
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The longest prefix of {@code s} of at most {@code max} bytes that ends on a character boundary. */
    private static String clip(String s, int max) {
        if (bytes(s) <= max) {
            return s;
        }
        int used = 0;
        int end = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > max) {
                break;
            }
            used += size;
            end += Character.charCount(cp);
        }
        return s.substring(0, end);
    }
}
