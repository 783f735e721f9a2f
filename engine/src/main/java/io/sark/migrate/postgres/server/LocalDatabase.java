package io.sark.migrate.postgres.server;

import io.sark.migrate.diagnostics.Timings;
import io.sark.migrate.files.PrivateFolders;
import io.sark.migrate.postgres.DatabaseUnavailableException;
import io.sark.migrate.postgres.IoErrors;
import io.sark.migrate.postgres.TargetDatabase;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A developer's own SARK database with nothing to set up: database {@value #NAME} on an embedded PostgreSQL whose
 * data persists in a folder (by default {@code .sark-migrate/} under the working directory).
 */
public final class LocalDatabase implements TargetDatabase {

    public static final String NAME = "sark";

    private static final String LOCK_FILE = "in-use.lock";
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path folder;
    private final EmbeddedPostgresServer server;
    private final FolderLock lock;

    private LocalDatabase(Path folder, EmbeddedPostgresServer server, FolderLock lock) {
        this.folder = folder;
        this.server = server;
        this.lock = lock;
    }

    /** As {@link #open(Path, Duration, Consumer)}, giving up at once when another process uses the folder. */
    public static LocalDatabase open(Path folder) {
        return open(folder, Duration.ZERO, holder -> { });
    }

    /**
     * Starts (or reuses) the server for {@code folder} and creates the database on first use. One process at a time
     * uses a folder, from starting its server to stopping it: another waits up to {@code wait} ({@code onWait} hears
     * once who it waits for), then gives up with a {@link DatabaseUnavailableException}.
     */
    public static LocalDatabase open(Path folder, Duration wait, Consumer<String> onWait) {
        FolderLock lock = FolderLock.take(folder, wait, onWait);
        EmbeddedPostgresServer server;
        try {
            try (var t = Timings.phase("start the local embedded PostgreSQL")) {
                server = EmbeddedPostgresServer.startPersistent(folder.resolve("pgdata"));
            }
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
        try {
            if (!server.databaseExists(NAME)) {
                server.createDatabase(NAME);
            }
            return new LocalDatabase(folder, server, lock);
        } catch (SQLException | RuntimeException e) {
            try {
                server.close();
            } finally {
                lock.release();
            }
            throw new EmbeddedPostgresException("The embedded PostgreSQL in " + folder + " started, but database '"
                    + NAME + "' could not be prepared: " + e.getMessage(), e);
        }
    }

    /**
     * The folder's lock: an OS file lock on {@code in-use.lock}, released by the OS when the process ends however it
     * ends, so a killed process leaves nothing to clean up. The file holds the holder's pid, for messages.
     */
    private static final class FolderLock {

        private final FileChannel channel;
        private final FileLock lock;

        private FolderLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static FolderLock take(Path folder, Duration wait, Consumer<String> onWait) {
            Path file = folder.resolve(LOCK_FILE);
            FileChannel channel;
            try {
                PrivateFolders.ensure(folder);
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new EmbeddedPostgresException("Could not use the folder " + folder + " for the embedded PostgreSQL ("
                        + IoErrors.describe(e) + "); choose a writable folder with --embedded-dir.", e);
            }
            long deadline = System.nanoTime() + wait.toNanos();
            boolean announced = false;
            try {
                while (true) {
                    FileLock lock;
                    try {
                        lock = channel.tryLock();
                    } catch (OverlappingFileLockException inThisProcess) {
                        lock = null;
                    }
                    if (lock != null) {
                        channel.truncate(0);
                        channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                        channel.force(false);
                        return new FolderLock(channel, lock);
                    }
                    String holder = holder(file);
                    if (!announced) {
                        onWait.accept(holder);
                        announced = true;
                    }
                    if (System.nanoTime() >= deadline) {
                        channel.close();
                        throw new DatabaseUnavailableException("Another sark-migrate (" + holder + ") is using the embedded PostgreSQL in "
                                + folder + (wait.isZero() ? "" : "; waited " + wait.toSeconds() + " s") + ". Run again when it has"
                                + " finished (--lock-wait SECONDS waits longer), or give this one its own with --embedded-dir.", null);
                    }
                    Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                }
            } catch (IOException e) {
                closeQuietly(channel);
                throw new EmbeddedPostgresException("Could not lock " + file + " (" + IoErrors.describe(e) + ").", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeQuietly(channel);
                throw new DatabaseUnavailableException("Interrupted while waiting for another sark-migrate to finish with " + folder + ".", e);
            }
        }

        private static String holder(Path file) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8).strip();
                return text.isEmpty() ? "a process that is starting" : text;
            } catch (IOException e) {
                return "another process";
            }
        }

        void release() {
            try {
                lock.release();
            } catch (IOException e) {
                // The channel is closed next, which releases it too.
            }
            closeQuietly(channel);
        }

        private static void closeQuietly(FileChannel channel) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing releases the lock; the OS does the same when the process ends.
            }
        }
    }

    @Override
    public Connection connect() {
        try {
            return server.connect(NAME);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("The embedded PostgreSQL in " + folder + " refused a connection ("
                    + e.getMessage() + "). Stop any other sark-migrate using it, or delete the folder to start over.", e);
        }
    }

    @Override
    public String describe() {
        return "the embedded PostgreSQL in " + folder;
    }

    @Override
    public String password() {
        return server.password();
    }

    @Override
    public boolean embedded() {
        return true;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(NAME);
    }

    /** Where the data lives, as given. */
    public Path folder() {
        return folder;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            lock.release();
        }
    }
}
