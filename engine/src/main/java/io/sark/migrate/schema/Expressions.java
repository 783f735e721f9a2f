package io.sark.migrate.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL expressions (index keys and predicates, check constraints) as the schema model holds them. Text alone cannot
 * tell that {@code priority BETWEEN 1 AND 5} is what PostgreSQL prints as {@code priority >= 1 AND priority <= 5}, so
 * the comparison does not try: expressions read from a database are PostgreSQL's own printing, and the entities'
 * expressions are printed by PostgreSQL too before they are compared
 * (the entities' schema is built by PostgreSQL from Hibernate's DDL, and each expression printed, read back and
 * printed again, by ScratchSchema in the postgres package). Here they are only tidied.
 */
public final class Expressions {

    private static final Pattern QUOTED_IDENTIFIER_KEY = Pattern.compile("^\"((?:[^\"]|\"\")+)\"((?: [A-Z][A-Z ]*)?)$");

    private Expressions() {
    }

    /** The expression with its white space collapsed (outside quotes) and trimmed; null for null or blank. */
    public static String tidy(String expression) {
        if (expression == null || expression.isBlank()) {
            return null;
        }
        return expression.strip().replaceAll("\\s+(?=(?:[^']*'[^']*')*[^']*$)", " ");
    }

    /** The expression of a {@code pg_get_constraintdef} of a check: {@code CHECK (x) NOT VALID} is {@code x}. */
    public static String checkExpression(String definition) {
        return definition.replaceFirst("(?s)^CHECK \\((.*)\\)( NOT VALID)?$", "$1");
    }

    /**
     * An index key naming a column PostgreSQL quoted (a key word, {@code "timestamp" DESC}, or a name with other
     * characters, {@code "x""y"}), unquoted: {@code timestamp DESC}, {@code x"y}.
     */
    public static String unquoteIdentifier(String key) {
        Matcher m = QUOTED_IDENTIFIER_KEY.matcher(key);
        return m.matches() ? m.group(1).replace("\"\"", "\"") + m.group(2) : key;
    }

    private static final Pattern IN_LIST = Pattern.compile("^([a-z_][a-z0-9_$]*|\"(?:[^\"]|\"\")+\")(?:::text)? = ANY \\(ARRAY\\[(.*?)\\](?:::text\\[\\])?\\)$");
    private static final Pattern STRING_CAST = Pattern.compile("(?:::(?:character varying|text|bpchar))+");

    /**
     * A check as an entity declares it, where PostgreSQL's printing of it is known: {@code level::text = ANY
     * (ARRAY['LOW'::character varying::text, 'HIGH'::character varying::text])} is Hibernate's {@code level IN ('LOW',
     * 'HIGH')}, and so is {@code level::text = ANY (ARRAY['LOW'::character varying, 'HIGH'::character varying]::text[])},
     * PostgreSQL's printing of that text when it is applied; anything else is returned as it is. For a reader (the
     * changeset, the review, check's list), and for the comparison, which takes both printings for the one rule.
     */
    public static String asDeclared(String expression) {
        Matcher m = expression == null ? null : IN_LIST.matcher(expression);
        if (m == null || !m.matches()) {
            return expression;
        }
        List<String> values = new ArrayList<>();
        String items = m.group(2);
        int i = 0;
        while (i < items.length()) {
            if (items.charAt(i) != '\'') {
                return expression;
            }
            int end = i + 1;
            while (end < items.length() && !(items.charAt(end) == '\'' && (end + 1 >= items.length() || items.charAt(end + 1) != '\''))) {
                end += items.charAt(end) == '\'' ? 2 : 1;
            }
            if (end >= items.length()) {
                return expression;
            }
            Matcher cast = STRING_CAST.matcher(items).region(end + 1, items.length());
            if (!cast.lookingAt()) {
                return expression;
            }
            values.add(items.substring(i, end + 1));
            i = cast.end();
            if (i < items.length()) {
                if (!items.startsWith(", ", i)) {
                    return expression;
                }
                i += 2;
            }
        }
        return values.isEmpty() ? expression : m.group(1) + " IN (" + String.join(", ", values) + ")";
    }
}
