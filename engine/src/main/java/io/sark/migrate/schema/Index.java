package io.sark.migrate.schema;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An index created for itself (not one PostgreSQL made for a constraint).
 *
 * @param name    its name
 * @param keys    its keys, in order: column names or expressions ({@link Expressions#normalize}), each followed by
 *                {@code desc} and {@code nulls first/last} where they differ from the default
 * @param unique  whether it is a unique index
 * @param method  its access method ({@code btree}, {@code gin}, …)
 * @param where   the predicate of a partial index ({@link Expressions#normalize}), or null
 */
public record Index(String name, List<String> keys, boolean unique, String method, String where) implements Serializable {

    /** The same index under another name. */
    public Index withName(String newName) {
        return new Index(newName, keys, unique, method, where);
    }

    public Index {
        keys = List.copyOf(keys);
    }

    /** A plain B-tree index on columns. */
    public Index(String name, List<String> columns, boolean unique) {
        this(name, columns, unique, "btree", null);
    }

    /** Whether Liquibase's createIndex can say it: B-tree, on plain columns in ascending order, no predicate. */
    public boolean plain() {
        return method.equals("btree") && where == null && keys.stream().allMatch(k -> k.matches("[a-z_][a-z0-9_$]*|\"[^\"]+\""));
    }

    /** Its keys, for messages and for {@code columns} of simple indexes. */
    public List<String> columns() {
        return keys;
    }

    /** What only an expression holds: a call, a literal, a cast or an operator. Anything else is a column's name. */
    private static final Pattern EXPRESSION = Pattern.compile("[()'+*/<>=~!@#%^&|]|::|->");
    private static final Pattern ORDERING = Pattern.compile("(?i)^(.*?)((?: desc| asc)?(?: nulls (?:first|last))?)$");

    /**
     * A key as SQL: a column (through {@code identifier}, which quotes it when it must be) or an expression in
     * parentheses, then its ordering.
     */
    public static String keySql(String key, UnaryOperator<String> identifier) {
        Matcher m = ORDERING.matcher(key);
        m.matches();
        String target = m.group(1);
        String sqlTarget = EXPRESSION.matcher(target).find() ? "(" + target + ")" : identifier.apply(target);
        return sqlTarget + m.group(2).toUpperCase(Locale.ROOT);
    }
}
