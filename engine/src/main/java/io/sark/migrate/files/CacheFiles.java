package io.sark.migrate.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Files of a cache folder (the changelog index, the entity cache): written whole or not at all, so that a reader never
 * sees half of one, and the newest few kept.
 */
public final class CacheFiles {

    private CacheFiles() {
    }

    /** Writes {@code bytes} to {@code file} through a temporary file of its folder, moved into place. */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path scratch = Files.createTempFile(file.getParent(), "entry-", ".tmp");
        try {
            Files.write(scratch, bytes);
            try {
                Files.move(scratch, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(scratch, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** Keeps the {@code keep} most recently written files of {@code folder} whose names end with {@code suffix}. */
    public static void keepNewest(Path folder, String suffix, int keep) throws IOException {
        List<Path> files;
        try (var listed = Files.list(folder)) {
            files = listed.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted((a, b) -> {
                try {
                    return Files.getLastModifiedTime(b).compareTo(Files.getLastModifiedTime(a));
                } catch (IOException e) {
                    return 0;
                }
            }).toList();
        }
        for (Path old : files.subList(Math.min(keep, files.size()), files.size())) {
            Files.deleteIfExists(old);
        }
    }
}
