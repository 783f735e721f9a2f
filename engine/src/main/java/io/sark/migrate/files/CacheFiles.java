package io.sark.migrate.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /**
     * {@code text} as one field of a tab-separated line: backslash, tab and line breaks escaped, null as {@code \N};
     * {@link #unfield} reads it back.
     */
    public static String field(String text) {
        if (text == null) {
            return "\\N";
        }
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** A field written by {@link #field}, read back. */
    public static String unfield(String text) {
        if (text.equals("\\N")) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                out.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The SHA-256 of {@code bytes}, in hex: what cache files are named and checked by. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
