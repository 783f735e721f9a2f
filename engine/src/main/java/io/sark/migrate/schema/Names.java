package io.sark.migrate.schema;

/**
 * Names of the model outside the home schema: {@code reporting␀sales}. NUL separates schema and name because it is the
 * one character no PostgreSQL name can hold, so a name with a dot in it is never read as qualified. Statements write
 * such a name {@code reporting.sales} ({@code Identifiers.quote}, {@code Identifiers.readable}), messages
 * {@link #display}.
 */
public final class Names {

    /** Between a schema and a name. */
    public static final char QUALIFIER = '\0';

    private Names() {
    }

    /** {@code name} in {@code schema}, or {@code name} itself for the home schema ({@code schema} null). */
    public static String qualified(String schema, String name) {
        return schema == null ? name : schema + QUALIFIER + name;
    }

    /** The schema of a model name, or null for the home schema. */
    public static String schemaOf(String name) {
        int at = name.indexOf(QUALIFIER);
        return at < 0 ? null : name.substring(0, at);
    }

    /** A model name without its schema. */
    public static String nameOf(String name) {
        return name.substring(name.indexOf(QUALIFIER) + 1);
    }

    /** {@code name} (bare, or a name in another schema) as a neighbour of {@code table}: in the same schema as it. */
    public static String besides(String table, String name) {
        return qualified(schemaOf(table), name);
    }

    /** A text with model names in it, as a person reads it: {@code reporting.sales}. */
    public static String display(String text) {
        return text.replace(QUALIFIER, '.');
    }
}
