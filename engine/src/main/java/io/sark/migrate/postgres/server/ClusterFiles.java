package io.sark.migrate.postgres.server;

import io.sark.migrate.postgres.IoErrors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The files of an embedded cluster: made by {@code initdb} with a random superuser password (kept in the data folder,
 * asked of every connection), its local-only settings, and the owner file that tells which process started its server.
 */
final class ClusterFiles {

    private ClusterFiles() {
    }

    
    
    /** Creates the cluster with a random superuser password (returned, and kept in the data folder). */
    static String initdb(PostgresBinaries binaries, Path dataDir, boolean fast, boolean asRoot, Map<String, String> settings) {
        String password = randomPassword();
        Path passwordFile;
        try {
            passwordFile = Files.createTempFile(dataDir.getParent(), ".initdb-", ".pw"); // 0600, beside the folder initdb fills
            Files.writeString(passwordFile, password + "\n");
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not write beside " + dataDir + " (" + IoErrors.describe(e) + ").", e);
        }
        try {
            List<String> command = List.of(binaries.program("initdb").toString(), "-D", dataDir.toString(),
                    "-U", EmbeddedPostgresServer.SUPERUSER, "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C", "--no-instructions");
            ServerProcesses.ProcessOutcome outcome = ServerProcesses.run(command, asRoot, Duration.ofMinutes(2));
            if (outcome.exitCode() != 0) {
                throw new EmbeddedPostgresException("initdb could not create a PostgreSQL cluster in " + dataDir + ": "
                        + outcome.lastLines());
            }
        } finally {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException ignored) {
                // 0600, and named as scratch
            }
        }
        StringBuilder conf = new StringBuilder("\n# sark-migrate: local only\n")
                .append("listen_addresses = '127.0.0.1'\n")
                .append("unix_socket_directories = ''\n")
                .append("password_encryption = 'scram-sha-256'\n")
                .append("timezone = 'UTC'\n")
                .append("max_connections = 100\n");
        if (fast) {
            // Nothing in a throwaway cluster (or a cache) needs to survive a crash; these make DDL-heavy work several times faster.
            conf.append("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
        }
        settings.forEach((name, value) -> conf.append(name).append(" = ").append(value).append('\n'));
        try {
            Files.writeString(dataDir.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            writePassword(dataDir, password);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not configure " + dataDir.resolve("postgresql.conf") + ": " + IoErrors.describe(e), e);
        }
        return password;
    }

    static final String HBA = "# sark-migrate: every connection gives the superuser's password (see " + EmbeddedPostgresServer.PASSWORD_FILE + ")\n"
            + "host all all 127.0.0.1/32 scram-sha-256\n";

    static void writePassword(Path dataDir, String password) throws IOException {
        Path file = dataDir.resolve(EmbeddedPostgresServer.PASSWORD_FILE);
        Path scratch = Files.createTempFile(dataDir, ".password-", ".tmp"); // 0600
        Files.writeString(scratch, password + "\n");
        Files.move(scratch, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String readPassword(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve(EmbeddedPostgresServer.PASSWORD_FILE)).strip();
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not read the embedded PostgreSQL's password in " + dataDir + " ("
                    + IoErrors.describe(e) + ").", e);
        }
    }

    static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    
    
    
    
    /** Who started a server: a process is known by its id and its start time, since ids are reused. */
    static final class Owner {

        private Owner() {
        }

        static void write(Path file) throws IOException {
            ProcessHandle self = ProcessHandle.current();
            Files.writeString(file, self.pid() + " " + self.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "\n");
        }

        static boolean alive(Path file) {
            try {
                String[] fields = Files.readString(file).strip().split(" ");
                long started = Long.parseLong(fields[1]);
                return ProcessHandle.of(Long.parseLong(fields[0])).filter(ProcessHandle::isAlive)
                        .map(p -> started == 0 || p.info().startInstant().map(Instant::toEpochMilli).orElse(started) == started)
                        .orElse(false);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
    }
}
