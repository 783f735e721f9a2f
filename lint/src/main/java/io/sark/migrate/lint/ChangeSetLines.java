package io.sark.migrate.lint;

import liquibase.changelog.ChangeSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The line a changeset starts on in its file, for findings: Liquibase keeps no line numbers, so its id is looked for as
 * each format writes it ({@code id="x"} in XML, {@code id: x} in YAML, {@code "id": "x"} in JSON,
 * {@code --changeset author:x} in formatted SQL). 0 where the file cannot be read or the id is not found.
 */
final class ChangeSetLines {

    private final Path root;
    private final Map<String, List<String>> files = new HashMap<>();

    /** {@code root}: the folder the changesets' paths are relative to (null: as given). */
    ChangeSetLines(Path root) {
        this.root = root;
    }

    int of(ChangeSet changeSet) {
        String path = changeSet.getFilePath();
        if (path == null || changeSet.getId() == null) {
            return 0;
        }
        List<String> lines = files.computeIfAbsent(path, p -> {
            try {
                Path file = root == null ? Path.of(p) : root.resolve(p.startsWith("classpath:") ? p.substring("classpath:".length()) : p);
                return Files.readAllLines(file);
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        });
        String id = Pattern.quote(changeSet.getId());
        Pattern declared = Pattern.compile("(?:\\bid\\s*[=:]\\s*[\"']?|\"id\"\\s*:\\s*\"|--\\s*changeset\\s+[^:\\s]+:)" + id + "(?:[\"'\\s,}]|$)");
        for (int i = 0; i < lines.size(); i++) {
            if (declared.matcher(lines.get(i)).find()) {
                return i + 1;
            }
        }
        return 0;
    }
}
