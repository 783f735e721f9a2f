package io.sark.migrate.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresServerTest {

    @Test
    void persistentServerKeepsItsDataAcrossRestarts(@TempDir Path dir) throws SQLException {
        Path data = dir.resolve("pgdata");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(data)) {
            try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
                try (ResultSet rs = s.executeQuery("SHOW server_version_num")) {
                    rs.next();
                    // The major version of the binaries the build chose (16 by default; -Ppg14 ... -Ppg18 choose others).
                    int major = Integer.parseInt(System.getProperty("sark.test.postgresBinaries", "16").split("\\.")[0]);
                    assertThat(rs.getInt(1) / 10000).isEqualTo(major);
                }
            }
        }
        assertThat(Files.exists(data.resolve("postmaster.pid"))).as("server stopped").isFalse();

        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.startPersistent(data);
             Connection c = again.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void reusesAServerThatIsAlreadyRunningOnTheSameData(@TempDir Path dir) throws SQLException {
        Path data = dir.resolve("pgdata");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.startPersistent(data)) {
            try (EmbeddedPostgresServer second = EmbeddedPostgresServer.startPersistent(data)) {
                assertThat(second.port()).isEqualTo(first.port());
            }
            // Closing the second handle must not stop the server the first one started.
            try (Connection c = first.connect("postgres"); Statement s = c.createStatement()) {
                assertThat(s.execute("SELECT 1")).isTrue();
            }
        }
    }

    @Test
    void throwawayServerDeletesItsDataOnClose() {
        Path data;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startThrowaway()) {
            data = server.dataDirectory();
            assertThat(data.resolve("PG_VERSION")).exists();
        }
        assertThat(data).doesNotExist();
    }
}
