package io.sark.migrate.postgres.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    @Test
    void onlyItsOwnerGetsIn() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startThrowaway()) {
            String withoutPassword = server.jdbcUrlWithoutPassword("postgres");

            assertThatThrownBy(() -> DriverManager.getConnection(withoutPassword).close()).isInstanceOf(SQLException.class)
                    .hasMessageContaining("no password was provided");
            assertThatThrownBy(() -> DriverManager.getConnection(withoutPassword + "&password=guess").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            try (Connection c = server.connect("postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_hba_file_rules WHERE auth_method NOT IN ('scram-sha-256', 'reject')")) {
                rs.next();
                assertThat(rs.getInt(1)).as("no rule trusts anyone").isZero();
            }
            assertThat(server.password()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(Files.getPosixFilePermissions(server.dataDirectory().resolve(EmbeddedPostgresServer.PASSWORD_FILE)))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(server.dataDirectory().getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aClusterAnOlderVersionMadeWithTrustIsGivenAPassword(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pgdata");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(data)) {
            server.createDatabase("kept");
        }
        Files.writeString(data.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\n"); // as sark-migrate 0.1 made them
        Files.delete(data.resolve(EmbeddedPostgresServer.PASSWORD_FILE));

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(data)) {
            assertThat(server.databaseExists("kept")).isTrue();
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrlWithoutPassword("postgres")).close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("no password was provided");
            assertThat(Files.readString(data.resolve(EmbeddedPostgresServer.PASSWORD_FILE)).strip()).isEqualTo(server.password());
        }
    }

    @Test
    void throwawayFoldersWhoseOwnerIsGoneAreRemovedAndNoOtherOnes(@TempDir Path tmp) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path orphan = throwawayFolder(tmp, "orphan", gone.pid() + " " + gone.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(1L));
        Path reusedPid = throwawayFolder(tmp, "reused", ProcessHandle.current().pid() + " 12345"); // the id now names another process
        Path live = throwawayFolder(tmp, "live", ProcessHandle.current().pid() + " "
                + ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli());
        Path olderVersion = Files.createDirectory(tmp.resolve("sark-migrate-pgdata-old"));
        Files.writeString(olderVersion.resolve("PG_VERSION"), "16\n");
        Files.setLastModifiedTime(olderVersion, java.nio.file.attribute.FileTime.fromMillis(0));
        Path halfDeleted = Files.createDirectories(tmp.resolve("sark-migrate-pgdata-half/data")).getParent(); // two deleters raced
        Files.setLastModifiedTime(halfDeleted, java.nio.file.attribute.FileTime.fromMillis(0));
        Path olderButNew = Files.createDirectory(tmp.resolve("sark-migrate-pgdata-starting"));
        Files.writeString(olderButNew.resolve("PG_VERSION"), "16\n");
        Path unrelated = Files.createDirectory(tmp.resolve("something-else"));

        int removed = ServerProcesses.removeOrphans(tmp);

        assertThat(removed).isEqualTo(4);
        assertThat(halfDeleted).doesNotExist();
        assertThat(orphan).doesNotExist();
        assertThat(reusedPid).doesNotExist();
        assertThat(olderVersion).doesNotExist();
        assertThat(live).exists();
        assertThat(olderButNew).as("may be starting right now").exists();
        assertThat(unrelated).exists();
    }

    @Test
    void anotherAccountsThrowawayFolderIsLeftAlone(@TempDir Path tmp) throws Exception {
        assumeTrue(System.getProperty("user.name").equals("root"), "making a folder another account owns needs root");
        Path theirs = throwawayFolder(tmp, "theirs", "1 1");
        Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));

        assertThat(ServerProcesses.removeOrphans(tmp)).isZero();
        assertThat(theirs).exists();
    }

    private static Path throwawayFolder(Path tmp, String name, String owner) throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("sark-migrate-pgdata-" + name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(folder.resolve("sark-migrate.owner"), owner + "\n");
        Files.createDirectories(folder.resolve("data"));
        return folder;
    }
}
