package io.sark.migrate.schema;


import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SQL identifiers: quoted when written into statements, so that no name can end the identifier and add SQL of its
 * own; and shortened as PostgreSQL shortens them, so that what is written is what is read back.
 */
public final class Identifiers {

    /** NAMEDATALEN - 1: the most bytes PostgreSQL keeps of a name. */
    public static final int MAX_BYTES = 63;

    private Identifiers() {
    }

    /** {@link io.sark.migrate.schema.Names#QUALIFIER}: between a schema and a name in a name of the model. */
    public static final char QUALIFIER = Names.QUALIFIER;

    /** {@link io.sark.migrate.schema.Names#qualified}. */
    public static String qualified(String schema, String name) {
        return Names.qualified(schema, name);
    }

    /** {@link io.sark.migrate.schema.Names#schemaOf}. */
    public static String schemaOf(String name) {
        return Names.schemaOf(name);
    }

    /** {@link io.sark.migrate.schema.Names#nameOf}. */
    public static String nameOf(String name) {
        return Names.nameOf(name);
    }

    /** {@link io.sark.migrate.schema.Names#besides}. */
    public static String besides(String table, String name) {
        return Names.besides(table, name);
    }

    /** {@link io.sark.migrate.schema.Names#display}. */
    public static String display(String text) {
        return Names.display(text);
    }

    /** {@code audit_events} → {@code "audit_events"}; {@code a"b} → {@code "a""b"}; reporting␀sales → {@code "reporting"."sales"}. */
    public static String quote(String name) {
        if (name.indexOf(QUALIFIER) >= 0) {
            return quote(schemaOf(name)) + "." + quote(nameOf(name));
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * A name as PostgreSQL holds it, written as a reviewer should read it in a statement: bare when PostgreSQL would
     * read it back unchanged, quoted when it must be (capitals, which a database built by hand or another tool may
     * hold, as Keycloak's {@code ORG_DOMAIN_pkey}; other characters; a key word).
     */
    public static String readable(String name) {
        if (name.indexOf(QUALIFIER) >= 0) {
            return readable(schemaOf(name)) + "." + readable(nameOf(name));
        }
        if (name.matches("[a-z_][a-z0-9_$]*") && !KEY_WORDS.contains(name)) {
            return name;
        }
        return quote(name);
    }

    /**
     * PostgreSQL's reserved key words, and the non-reserved ones that cannot stand bare as a column in an index key
     * or a type name (timestamp, time, interval, ...): quoting them is always right.
     */
    private static final Set<String> KEY_WORDS = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "asymmetric", "authorization", "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character",
            "check", "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog",
            "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "date", "dec", "decimal",
            "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float",
            "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group", "having", "ilike", "in", "initially", "inner", "inout",
            "int", "integer", "intersect", "interval", "into", "is", "isnull", "join", "lateral", "leading", "least", "left", "like",
            "limit", "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif",
            "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing", "position", "precision",
            "primary", "real", "references", "returning", "right", "row", "select", "session_user", "setof", "similar", "smallint", "some",
            "substring", "symmetric", "system_user", "table", "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim",
            "true", "union", "unique", "user", "using", "values", "varchar", "variadic", "verbose", "when", "where", "window", "with",
            "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");

    /**
     * A (possibly qualified) name as SQL writes it, read back as PostgreSQL holds it: each unquoted part folded to
     * lower case, each quoted part as it is inside its quotes ({@code public."Users"} → {@code public.Users}). The
     * inverse of {@link #readable}.
     */
    public static String fromSql(String written) {
        return String.join(".", parts(written));
    }

    /** A dot outside double quotes: where a qualified name splits. */
    private static final Pattern NAME_PARTS = Pattern.compile("\\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");

    /** The parts of a (possibly qualified) name as SQL writes it, each as PostgreSQL holds it ({@link #fromSql}). */
    public static List<String> parts(String written) {
        List<String> parts = new ArrayList<>();
        for (String part : NAME_PARTS.split(written)) {
            parts.add(part.length() > 1 && part.startsWith("\"") && part.endsWith("\"")
                    ? part.substring(1, part.length() - 1).replace("\"\"", "\"")
                    : part.toLowerCase(Locale.ROOT));
        }
        return parts;
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
