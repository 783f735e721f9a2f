package io.sark.migrate.migrations;

import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.testing.TestDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/** What the changelog tests share: their text fixtures, and a database's catalog. */
final class Fixtures {

    private Fixtures() {
    }

    /** A test resource as text, e.g. {@code /reference-schema/001_initial.sql}. */
    static String resource(String path) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The catalog of schema public, Liquibase's and Alembic's tables left out. */
    static CatalogSnapshot catalog(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return CatalogSnapshot.read(c);
        }
    }
}
