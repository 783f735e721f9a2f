package io.sark.migrate.postgres.server;

import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.IoErrors;
import io.sark.migrate.postgres.JdbcUrl;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A backup before a migration: PostgreSQL's own {@code pg_dump}, found on the PATH, writing a custom-format dump
 * ({@code pg_restore} reads it back). The password goes to pg_dump in its environment, never on its command line. The
 * dump holds every row (password hashes and keys included), so it is written {@code 0600}: into a scratch file beside
 * the one asked for, renamed into place when pg_dump succeeds, removed when it fails.
 */
public final class PgDump {

    private PgDump() {
    }

    /** What a backup wrote. */
    public record Backup(Path file, long bytes, String pgDumpVersion) {
    }

    /** The pg_dump on {@code path} (a PATH value), if any. */
    public static Optional<Path> find(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "pg_dump");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Dumps the database {@code connection} is on into {@code file}.
     *
     * @param path     the PATH to find pg_dump on
     * @param password the password to log in with, or null
     * @throws BackupException when pg_dump is missing or fails; the message says which and why
     */
    public static Backup run(Connection connection, String password, Path file, String path) {
        Path pgDump = find(path).orElseThrow(() -> new BackupException("--backup-to needs pg_dump, which is not on the PATH: install"
                + " PostgreSQL's client tools (the server's major version or newer), or run without --backup-to. Nothing was migrated."));
        JdbcUrl.Address address;
        String user;
        try {
            DatabaseMetaData meta = connection.getMetaData();
            String url = meta.getURL();
            address = JdbcUrl.address(url).orElseThrow(() -> new BackupException("--backup-to cannot tell pg_dump where the database"
                    + " is from " + ConnectionSettings.redact(url) + ". Nothing was migrated."));
            user = meta.getUserName();
        } catch (SQLException e) {
            throw new BackupException("Could not read the connection's details for pg_dump: " + e.getMessage(), e);
        }
        Path target = file.toAbsolutePath();
        Path scratch;
        try {
            scratch = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".partial"); // 0600
        } catch (IOException e) {
            throw new BackupException("--backup-to cannot write into " + target.getParent() + " (" + IoErrors.describe(e)
                    + "). Give a file in a folder you can write. Nothing was migrated.", e);
        }
        List<String> command = new ArrayList<>(List.of(pgDump.toString(), "--format=custom", "--no-password",
                "--file=" + scratch, "--host=" + address.host(), "--port=" + address.port(),
                "--username=" + user, "--dbname=" + address.database()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("PGPASSWORD");
        if (password != null) {
            builder.environment().put("PGPASSWORD", password);
        }
        boolean written = false;
        try {
            Path err = Files.createTempFile("pg_dump-", ".err");
            try {
                Process process = builder.redirectError(err.toFile()).start();
                if (!process.waitFor(6, TimeUnit.HOURS)) {
                    process.destroyForcibly();
                    throw new BackupException("pg_dump did not finish in 6 hours. Nothing was migrated.");
                }
                String reason = Files.readString(err, StandardCharsets.UTF_8).strip().replaceAll("\\s*\\R\\s*", " ");
                if (process.exitValue() != 0) {
                    throw new BackupException("pg_dump failed (exit " + process.exitValue() + "): " + (reason.isEmpty() ? "no message" : reason)
                            + ". Nothing was migrated.");
                }
                Files.move(scratch, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written = true;
            } finally {
                Files.deleteIfExists(err);
            }
            return new Backup(target, Files.size(target), version(pgDump));
        } catch (IOException e) {
            throw new BackupException("pg_dump could not run: " + IoErrors.describe(e) + ". Nothing was migrated.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("Interrupted while pg_dump ran. Nothing was migrated.", e);
        } finally {
            if (!written) {
                try {
                    Files.deleteIfExists(scratch);
                } catch (IOException ignored) {
                    // a leftover scratch file is private (0600) and named as one
                }
            }
        }
    }

    private static String version(Path pgDump) {
        try {
            Process p = new ProcessBuilder(pgDump.toString(), "--version").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return "pg_dump";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "pg_dump";
        }
    }
}
