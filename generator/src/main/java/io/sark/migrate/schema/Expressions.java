package io.sark.migrate.schema;

import java.util.regex.Pattern;

/**
 * SQL expressions (index keys, predicates, check constraints) in one spelling. PostgreSQL prints back what it stored:
 * {@code status = 'active'} becomes {@code ((status)::text = 'active'::text)}, {@code "timestamp" DESC} is quoted
 * because it is a key word. Both become {@code status = 'active'} and {@code timestamp desc} here: lower case outside
 * quotes, no double quotes, no cast on a literal, no cast of a column to text, no parentheses that change nothing.
 */
public final class Expressions {

    /** A type name after {@code ::}: one word (possibly schema-qualified), or one of PostgreSQL's names in several words. */
    private static final String TYPE = "(?:character varying|double precision|timestamp with(?:out)? time zone|time with(?:out)? time zone"
            + "|[a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)?)(?:\\([0-9, ]*\\))?(?:\\[\\])?";
    private static final Pattern LITERAL_CAST = Pattern.compile("('(?:[^']|'')*')::" + TYPE);
    private static final Pattern TEXT_CAST = Pattern.compile("::(text|character varying(\\(\\d+\\))?|varchar(\\(\\d+\\))?|bpchar)\\b");
    /** A bare name in parentheses that are not a function call's. */
    private static final Pattern PARENTHESISED_NAME = Pattern.compile("(?<![a-z0-9_$])\\(([a-z_][a-z0-9_$]*)\\)");

    private Expressions() {
    }

    public static String normalize(String expression) {
        if (expression == null || expression.isBlank()) {
            return null;
        }
        String e = lowerOutsideQuotes(expression.strip()).replace("\"", "");
        e = e.replaceAll("\\s+(?=(?:[^']*'[^']*')*[^']*$)", " ");
        String previous;
        do {
            previous = e;
            e = LITERAL_CAST.matcher(e).replaceAll("$1");
            e = TEXT_CAST.matcher(e).replaceAll("");
            e = PARENTHESISED_NAME.matcher(e).replaceAll("$1");
            e = stripOuterParentheses(e);
        } while (!e.equals(previous));
        return e.replaceAll("\\( ", "(").replaceAll(" \\)", ")");
    }

    private static String stripOuterParentheses(String e) {
        String s = e.strip();
        while (s.startsWith("(") && s.endsWith(")") && balanced(s.substring(1, s.length() - 1))) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
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

    static String lowerOutsideQuotes(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            out.append(quoted || c == '\'' ? c : Character.toLowerCase(c));
        }
        return out.toString();
    }

    /** An index key as written ({@code "timestamp DESC"}) in the spelling {@link Index#keys()} holds. */
    public static String indexKey(String key) {
        String k = normalize(key);
        return k.replaceAll(" asc$", "").replaceAll(" desc nulls first$", " desc").replaceAll("(?<! desc) nulls last$", "");
    }
}
