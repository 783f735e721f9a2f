package io.sark.migrate.postgres.catalog;

import io.sark.migrate.schema.Expressions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What the catalog readers share: running one bulk query over a schema, and spelling index keys. */
final class CatalogQueries {

    private CatalogQueries() {
    }

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql}, whose one parameter is the schema name, and hands each row to {@code reader}. */
    static void query(Connection connection, String sql, String schema, RowReader reader) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    /**
     * An index's keys from {@code pg_get_indexdef(index, k, true)} and {@code indoption}: the column or expression,
     * then DESC and NULLS FIRST/LAST where they differ from the default.
     */
    static List<String> indexKeys(String[] texts, Object[] options) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            int option = i < options.length ? ((Number) options[i]).intValue() : 0;
            boolean descending = (option & 1) != 0;
            boolean nullsFirst = (option & 2) != 0;
            keys.add(Expressions.unquoteIdentifier(texts[i] + (descending ? " DESC" : "")
                    + (nullsFirst != descending ? (nullsFirst ? " NULLS FIRST" : " NULLS LAST") : "")));
        }
        return keys;
    }
}
