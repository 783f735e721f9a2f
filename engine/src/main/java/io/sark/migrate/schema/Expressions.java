package io.sark.migrate.schema;

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
}
