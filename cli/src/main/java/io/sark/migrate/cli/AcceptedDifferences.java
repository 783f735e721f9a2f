package io.sark.migrate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The differences a team has accepted for now ({@code check --accept FILE}), kept beside the changelog and reviewed
 * like it: one per line, "- " and the difference as check says it; lines starting with '#' and blank ones are comments.
 * Later checks with {@code --accepted FILE} report only the others, so a project adopts the gate on day one and pays the
 * list down.
 */
final class AcceptedDifferences {

    private static final String HEADER = """
            # Differences between the entities and the database accepted for now (sark-migrate check --accept).
            # 'sark-migrate check --accepted THIS_FILE' reports only differences not listed here, and says which listed ones
            # are gone. Remove a line once its difference is dealt with.
            """;

    private AcceptedDifferences() {
    }

    /** The differences {@code file} lists; a line that is neither one, a comment nor blank is a usage error naming it. */
    static Set<String> read(Path file) {
        Set<String> accepted = new LinkedHashSet<>();
        List<String> lines = OptionFiles.read("--accepted", file).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!line.startsWith("- ") || line.length() == 2) {
                throw new UsageException("--accepted " + file + ": line " + (i + 1) + " is not '- <difference>' or a # comment ("
                        + (line.length() > 60 ? line.substring(0, 60) + "..." : line) + "); write it as 'check --accept' does.");
            }
            accepted.add(line.substring(2).strip());
        }
        return accepted;
    }

    /** Writes {@code differences} to {@code file}, replacing it. */
    static void write(Path file, List<String> differences) {
        StringBuilder text = new StringBuilder(HEADER);
        differences.forEach(d -> text.append("- ").append(d).append('\n'));
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--accept " + file + ": cannot write it (" + e.getMessage() + ").");
        }
    }

    /** The differences of {@code found} not accepted, in order. */
    static List<String> unaccepted(List<String> found, Set<String> accepted) {
        return found.stream().filter(d -> !accepted.contains(d)).toList();
    }

    /** The accepted differences no longer found. */
    static List<String> gone(List<String> found, Set<String> accepted) {
        List<String> gone = new ArrayList<>(accepted);
        gone.removeAll(found);
        return gone;
    }
}
