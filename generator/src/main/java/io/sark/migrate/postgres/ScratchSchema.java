package io.sark.migrate.postgres;

import io.sark.migrate.schema.Schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a schema from DDL and reads it back, leaving nothing behind: the statements run in a schema of their own,
 * in a transaction that is rolled back. Whatever PostgreSQL makes of them (names shortened to 63 bytes, defaults and
 * expressions in its own printing, the constraints it names itself, a {@code serial}'s sequence) is what is read,
 * by the same reader as any database.
 */
public final class ScratchSchema {

    private static final String NAME = "sark_migrate_entities";
    private static final Pattern LONG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{63,}");

    private ScratchSchema() {
    }

    /** A statement PostgreSQL refused. */
    public static final class RefusedStatement extends RuntimeException {
        private final String statement;

        RefusedStatement(String statement, SQLException cause) {
            super(cause.getMessage(), cause);
            this.statement = statement;
        }

        /** The statement, as it was run. */
        public String statement() {
            return statement;
        }
    }

    /**
     * Runs {@code statements} (unqualified names) in a scratch schema of {@code connection}'s database and reads the
     * result; nothing is committed. PostgreSQL's built-in types and those in {@code public} stay visible to them.
     *
     * @throws RefusedStatement when PostgreSQL refuses one of them
     */
    public static Schema build(Connection connection, List<String> statements) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            String scratch = NAME + "_" + Long.toHexString(System.nanoTime() & 0xffffffL);
            s.execute("CREATE SCHEMA " + scratch);
            s.execute("SET LOCAL search_path TO " + scratch + ", public");
            for (String statement : statements) {
                if (severalStatements(statement)) {
                    throw new RefusedStatement(statement, new SQLException("it holds more than one statement (a name with ';' that is not"
                            + " quoted?), and is not run"));
                }
                try {
                    s.execute(statement);
                } catch (SQLException e) {
                    throw new RefusedStatement(statement, e);
                }
            }
            return CatalogSchemaReader.read(connection, scratch, Set.of());
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Whether {@code sql} has a ';' outside quotes: a name that ended its statement early and began another. */
    static boolean severalStatements(String sql) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == ';' && !single && !dbl && !sql.substring(i + 1).isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** Names in {@code statement} that PostgreSQL shortens to 63 bytes: the likely cause when two of them collide. */
    public static List<String> longNames(String statement) {
        Matcher m = LONG_NAME.matcher(statement);
        List<String> names = new java.util.ArrayList<>();
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
