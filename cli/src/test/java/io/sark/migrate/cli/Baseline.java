package io.sark.migrate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A changelog frozen at SARK's four baseline revisions, for tests about the command line itself: their counts and
 * revision names stay true however many revisions the project adds.
 */
final class Baseline {

    static final List<String> REVISIONS = List.of("001_initial", "002_api_keys", "003_policies", "004_audit_events");
    private static final Path SOURCES = Path.of("..", "migrations", "src", "main", "resources", "db", "changelog");
    private static Path root;

    private Baseline() {
    }

    /** The folder to give to --changelog-root (made once per test run, under target/, so that no run leaves it in /tmp). */
    static synchronized String root() {
        if (root == null) {
            try {
                Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "sark-baseline-").toAbsolutePath();
                Path changelog = Files.createDirectories(dir.resolve("db/changelog"));
                StringBuilder master = new StringBuilder("databaseChangeLog:\n");
                for (String revision : REVISIONS) {
                    Files.copy(SOURCES.resolve(revision + ".yaml"), changelog.resolve(revision + ".yaml"));
                    master.append("  - include:\n      file: db/changelog/").append(revision).append(".yaml\n");
                }
                Files.writeString(changelog.resolve("db.changelog-master.yaml"), master);
                root = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root.toString();
    }
}
