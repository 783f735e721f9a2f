package io.sark.migrate.postgres.server;

import io.sark.migrate.files.PrivateFolders;
import io.sark.migrate.files.UnsafeFolderException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A second local account ({@code nobody}, played with {@code setpriv} where this runs as root, as CI does) tries
 * what it can against what sark-migrate keeps and runs: it cannot log in to an embedded server, read its password,
 * look into the caches, or have sark-migrate use a folder it made.
 */
class AnotherAccountTest {

    private static final String SETPRIV = "/usr/bin/setpriv";

    @BeforeAll
    static void onlyWhereAnotherAccountCanBePlayed() {
        assumeTrue(System.getProperty("user.name").equals("root") && Files.isExecutable(Path.of(SETPRIV)),
                "playing another account needs root and setpriv");
    }

    @Test
    void itCannotLogInToAnEmbeddedServerNorReadItsPassword() throws Exception {
        Path pgDump = PgDump.find(System.getenv("PATH") + ":/usr/lib/postgresql/15/bin").orElse(null);
        assumeTrue(pgDump != null, "a libpq client (pg_dump) to connect with");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startThrowaway()) {
            String port = String.valueOf(server.port());
            Outcome noPassword = asNobody(Map.of(), pgDump.toString(), "--schema-only", "-w", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "postgres");
            Outcome guessed = asNobody(Map.of("PGPASSWORD", "postgres"), pgDump.toString(), "--schema-only", "-w", "-h", "127.0.0.1", "-p", port,
                    "-U", "postgres", "-d", "postgres");
            Outcome readPassword = asNobody(Map.of(), "/bin/cat", server.dataDirectory().resolve(EmbeddedPostgresServer.PASSWORD_FILE).toString());
            Outcome listCache = asNobody(Map.of(), "/bin/ls", server.installation().getParent().toString());

            assertThat(noPassword.exitCode()).isNotZero();
            assertThat(noPassword.output()).contains("no password supplied");
            assertThat(guessed.exitCode()).isNotZero();
            assertThat(guessed.output()).contains("password authentication failed for user \"postgres\"");
            assertThat(readPassword.exitCode()).isNotZero();
            assertThat(readPassword.output()).contains("Permission denied").doesNotContain(server.password());
            assertThat(listCache.exitCode()).isNotZero();
            assertThat(listCache.output()).contains("Permission denied");
        }
    }

    @Test
    void aCacheFolderItCreatedFirstIsRefused(@TempDir Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx")); // a shared folder, as /tmp is
        Path planted = dir.resolve("sark-migrate-root");
        Outcome made = asNobody(Map.of(), "/bin/sh", "-c", "mkdir -m 755 " + planted + " && mkdir " + planted + "/bin");

        assertThat(made.exitCode()).as(made.output()).isZero();
        assertThatThrownBy(() -> PrivateFolders.ensure(planted)).isInstanceOf(UnsafeFolderException.class)
                .hasMessageStartingWith("Refusing to use " + planted + ": it belongs to nobody");
    }

    private record Outcome(int exitCode, String output) {
    }

    private static Outcome asNobody(Map<String, String> env, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of(SETPRIV, "--reuid=65534", "--regid=65534", "--clear-groups"));
        full.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).directory(Path.of("/").toFile());
        builder.environment().remove("PGPASSWORD");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(process.exitValue(), output);
    }
}
