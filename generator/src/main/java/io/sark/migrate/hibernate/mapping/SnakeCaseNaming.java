package io.sark.migrate.hibernate.mapping;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategy;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

import java.util.Locale;

/**
 * A stand-in, on sark-migrate's Hibernate 6.6, for Hibernate 7's {@code PhysicalNamingStrategySnakeCaseImpl}, Spring
 * Boot 4's default physical naming, which 6.6 does not have: every unquoted name (catalog, schema, table, sequence,
 * column) has its dots made underscores, an underscore put before each capital that stands between a lower-case letter
 * or digit and another ({@code firstName} → {@code first_name}, {@code h5Html} → {@code h5_html}, where 6.6's
 * {@code CamelCaseToUnderscoresNamingStrategy} writes {@code h5html}), and is lower-cased; a quoted name is kept.
 */
public final class SnakeCaseNaming implements PhysicalNamingStrategy {

    /** The class it stands in for. */
    public static final String HIBERNATE_7 = "org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl";

    @Override
    public Identifier toPhysicalCatalogName(Identifier name, JdbcEnvironment environment) {
        return apply(name);
    }

    @Override
    public Identifier toPhysicalSchemaName(Identifier name, JdbcEnvironment environment) {
        return apply(name);
    }

    @Override
    public Identifier toPhysicalTableName(Identifier name, JdbcEnvironment environment) {
        return apply(name);
    }

    @Override
    public Identifier toPhysicalSequenceName(Identifier name, JdbcEnvironment environment) {
        return apply(name);
    }

    @Override
    public Identifier toPhysicalColumnName(Identifier name, JdbcEnvironment environment) {
        return apply(name);
    }

    static Identifier apply(Identifier name) {
        if (name == null || name.isQuoted()) {
            return name;
        }
        String text = name.getText().replace('.', '_');
        StringBuilder snake = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (i > 0 && i < text.length() - 1 && Character.isUpperCase(c) && lowerOrDigit(text.charAt(i - 1)) && lowerOrDigit(text.charAt(i + 1))) {
                snake.append('_');
            }
            snake.append(c);
        }
        return new Identifier(snake.toString().toLowerCase(Locale.ROOT), false);
    }

    private static boolean lowerOrDigit(char c) {
        return Character.isLowerCase(c) || Character.isDigit(c);
    }
}
