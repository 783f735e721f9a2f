package io.sark.migrate.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server defaults in one spelling. PostgreSQL stores {@code DEFAULT 'developer'} on a varchar column as
 * {@code 'developer'::character varying}, {@code DEFAULT CURRENT_TIMESTAMP} as {@code CURRENT_TIMESTAMP}, and
 * {@code DEFAULT -1} as {@code '-1'::integer}; entities write what a person writes. Both become the same text here:
 * key words in lower case outside quotes, {@code now()} for the current timestamp, and no cast to the column's own
 * type.
 */
public final class Defaults {

    private static final Pattern TRAILING_CAST = Pattern.compile("^(.*?)::([a-z_][a-z0-9_ .\"]*(\\([0-9, ]*\\))?(\\[\\])*)$");
    private static final Pattern QUOTED_NUMBER = Pattern.compile("^'(-?[0-9]+(\\.[0-9]+)?)'$");

    private Defaults() {
    }

    /** The default as it should be compared, given the column's normalised type; null stays null. */
    public static String normalize(String expression, String columnType) {
        if (expression == null) {
            return null;
        }
        String e = lowerOutsideQuotes(expression.strip());
        while (e.startsWith("(") && e.endsWith(")") && balanced(e.substring(1, e.length() - 1))) {
            e = e.substring(1, e.length() - 1).strip();
        }
        if (e.equals("current_timestamp") || e.equals("transaction_timestamp()") || e.equals("localtimestamp") && columnType.startsWith("timestamp without")) {
            e = "now()";
        }
        Matcher cast = TRAILING_CAST.matcher(e);
        if (cast.matches()) {
            String castType = SqlTypes.normalize(cast.group(2));
            if (SqlTypes.base(castType).equals(SqlTypes.base(columnType)) && castType.endsWith("[]") == columnType.endsWith("[]")) {
                e = cast.group(1).strip();
            }
        }
        Matcher number = QUOTED_NUMBER.matcher(e);
        if (number.matches() && !SqlTypes.base(columnType).contains("char") && !columnType.equals("text")) {
            e = number.group(1);
        }
        return e;
    }

    private static boolean balanced(String s) {
        int depth = 0;
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private static String lowerOutsideQuotes(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            out.append(quoted || c == '\'' ? c : Character.toLowerCase(c));
        }
        return out.toString().replaceAll("\\s+(?=(?:[^']*'[^']*')*[^']*$)", " ");
    }
}
