package io.sark.migrate.cli;

import io.sark.migrate.testing.TestPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A user who must log in with a password on the embedded test server, whose other users are trusted. */
final class PasswordLogin {

    private PasswordLogin() {
    }

    /** Makes {@code user} log in with {@code password}: a pg_hba.conf line ahead of the others. Returns the user. */
    static String require(String user, String password) throws SQLException, IOException {
        assumeTrue(System.getenv("SARK_TEST_ADMIN_URL") == null, "edits the embedded server's pg_hba.conf");
        Path hba = TestPostgres.server().dataDirectory().resolve("pg_hba.conf");
        String rule = "host all " + user + " 127.0.0.1/32 scram-sha-256\n";
        String current = Files.readString(hba);
        try (Connection admin = TestPostgres.server().connect("postgres"); Statement s = admin.createStatement()) {
            if (!current.startsWith(rule)) {
                s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + user + "') THEN"
                        + " CREATE ROLE " + user + " LOGIN; END IF; END $$");
                s.execute("ALTER ROLE " + user + " PASSWORD '" + password + "'");
                Files.writeString(hba, rule + current);
                s.execute("SELECT pg_reload_conf()");
            }
        }
        return user;
    }
}
