package io.sark.migrate.schema;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Column types in PostgreSQL's own spelling, the one {@code format_type} prints: {@code int4}, {@code int} and
 * {@code integer} are all {@code integer}; {@code timestamptz} and {@code timestamp(6) with time zone} are both
 * {@code timestamp with time zone} (6 is the default precision); {@code varchar(255)} is
 * {@code character varying(255)}. A name it does not know (an enum type, say) is kept, in lower case.
 */
public final class SqlTypes {

    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("integer", "integer"),
            Map.entry("serial", "integer"), Map.entry("serial4", "integer"),
            Map.entry("int8", "bigint"), Map.entry("bigint", "bigint"), Map.entry("bigserial", "bigint"), Map.entry("serial8", "bigint"),
            Map.entry("int2", "smallint"), Map.entry("smallint", "smallint"),
            Map.entry("bool", "boolean"), Map.entry("boolean", "boolean"),
            Map.entry("float8", "double precision"), Map.entry("double precision", "double precision"), Map.entry("float", "double precision"),
            Map.entry("float4", "real"), Map.entry("real", "real"),
            Map.entry("varchar", "character varying"), Map.entry("character varying", "character varying"),
            Map.entry("char", "character"), Map.entry("character", "character"), Map.entry("bpchar", "character"),
            Map.entry("decimal", "numeric"), Map.entry("numeric", "numeric"),
            Map.entry("timestamptz", "timestamp with time zone"), Map.entry("timestamp with time zone", "timestamp with time zone"),
            Map.entry("timestamp", "timestamp without time zone"), Map.entry("timestamp without time zone", "timestamp without time zone"),
            Map.entry("timetz", "time with time zone"), Map.entry("time with time zone", "time with time zone"),
            Map.entry("time", "time without time zone"), Map.entry("time without time zone", "time without time zone"));

    private static final Pattern TIME_WITH_PRECISION = Pattern.compile("(timestamp|time)\\s*\\((\\d+)\\)\\s*(with(out)? time zone)?");
    private static final Pattern NAME_AND_MODIFIERS = Pattern.compile("([a-z_][a-z0-9_ ]*?)\\s*(\\(([^)]*)\\))?");

    private static final Pattern VARCHAR = Pattern.compile("character varying(?:\\((\\d+)\\))?");
    private static final Pattern NUMERIC = Pattern.compile("numeric(?:\\((\\d+),(\\d+)\\))?");

    private SqlTypes() {
    }

    /**
     * Whether changing a column from {@code from} to {@code to} (both normalized) rewrites its table: PostgreSQL's
     * binary-coercible changes do not (a longer or unbounded {@code varchar}, {@code varchar} to {@code text}, more
     * {@code numeric} precision at the same scale).
     */
    public static boolean rewrites(String from, String to) {
        var fromVarchar = VARCHAR.matcher(from);
        if (fromVarchar.matches()) {
            var toVarchar = VARCHAR.matcher(to);
            if (to.equals("text")) {
                return false;
            }
            if (toVarchar.matches()) {
                return toVarchar.group(1) != null && (fromVarchar.group(1) == null
                        || Integer.parseInt(toVarchar.group(1)) < Integer.parseInt(fromVarchar.group(1)));
            }
        }
        if (from.equals("text") && to.equals("character varying")) {
            return false;
        }
        var fromNumeric = NUMERIC.matcher(from);
        var toNumeric = NUMERIC.matcher(to);
        if (fromNumeric.matches() && toNumeric.matches()) {
            if (toNumeric.group(1) == null) {
                return false;
            }
            return fromNumeric.group(1) == null || !fromNumeric.group(2).equals(toNumeric.group(2))
                    || Integer.parseInt(toNumeric.group(1)) < Integer.parseInt(fromNumeric.group(1));
        }
        return true;
    }


    public static String normalize(String type) {
        String t = type.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").replace("\"", "");
        if (t.startsWith("public.")) {
            t = t.substring("public.".length());
        }
        String array = "";
        while (t.endsWith("[]")) {
            array += "[]";
            t = t.substring(0, t.length() - 2).strip();
        }
        if (t.endsWith(" array")) {
            array += "[]";
            t = t.substring(0, t.length() - " array".length()).strip();
        }
        Matcher time = TIME_WITH_PRECISION.matcher(t);
        if (time.matches()) {
            String base = time.group(1) + (time.group(3) == null ? " without time zone" : " " + time.group(3));
            String precision = "6".equals(time.group(2)) ? "" : "(" + time.group(2) + ")";
            return base.replaceFirst("^(timestamp|time)", "$1" + precision) + array;
        }
        Matcher m = NAME_AND_MODIFIERS.matcher(t);
        if (!m.matches()) {
            return t + array;
        }
        if (m.group(1).strip().equals("float") && m.group(3) != null) {
            // float(p): PostgreSQL's real up to 24 bits of precision, double precision above.
            return (Integer.parseInt(m.group(3).strip()) <= 24 ? "real" : "double precision") + array;
        }
        String name = SYNONYMS.getOrDefault(m.group(1).strip(), m.group(1).strip());
        String modifiers = m.group(3) == null ? "" : "(" + m.group(3).replaceAll("\\s", "") + ")";
        if (name.equals("character") && modifiers.isEmpty() && array.isEmpty() && t.equals("char")) {
            modifiers = "(1)";
        }
        return name + modifiers + array;
    }

    /** The type without length, precision or array brackets: {@code character varying(50)} is {@code character varying}. */
    public static String base(String normalizedType) {
        return normalizedType.replaceAll("\\(.*?\\)", "").replace("[]", "").strip();
    }
}
