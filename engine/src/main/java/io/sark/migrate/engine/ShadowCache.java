package io.sark.migrate.engine;

import io.sark.migrate.diagnostics.MigrationListener;
import io.sark.migrate.diagnostics.Timings;
import io.sark.migrate.engine.changelog.ChangeSetSummary;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogFilter;
import io.sark.migrate.files.Folders;
import io.sark.migrate.files.PrivateFolders;
import io.sark.migrate.postgres.DatabaseUnavailableException;
import io.sark.migrate.postgres.IoErrors;
import io.sark.migrate.postgres.TargetDatabase;
import io.sark.migrate.postgres.server.EmbeddedPostgresException;
import io.sark.migrate.postgres.server.EmbeddedPostgresServer;
import io.sark.migrate.schema.Identifiers;
import liquibase.util.LiquibaseUtil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Shadow databases without replaying the whole changelog every time. An embedded PostgreSQL whose data folder is kept
 * between runs holds, as template databases, the changelog replayed up to the end of some revision, each named by a
 * hash of what it replayed ({@link #keys}). A shadow is a copy ({@code CREATE DATABASE … TEMPLATE}) of the longest
 * replayed prefix of the changelog found there, with the revisions after it replayed into the copy, which is then kept
 * as the template for the whole changelog. Adding or editing the newest revision therefore replays that revision alone,
 * and a second run in a row replays nothing.
 *
 * <p>What a template is keyed by: the versions of sark-migrate, Liquibase and the server; for each changeset up to the end of its revision, its file, id and author, Liquibase's
 * checksum of its changes, its contexts, labels, dbms, runAlways and runOnChange, and the bytes of its file when it
 * has preconditions; the contexts and labels of the run. A changed changeset never reuses a
 * template made before the change. The folder is used by one process at a time (a file lock; a second one waits), at
 * most {@value #KEEP} templates are kept (the least recently used go), and a folder whose server will not start is
 * made again from scratch.
 */
public final class ShadowCache implements TargetDatabase {

    /** The templates kept. */
    static final int KEEP = 8;
    private static final String PREFIX = "sark_shadow_";
    private static final String WORK = PREFIX + "work";
    private static final ReentrantLock IN_THIS_PROCESS = new ReentrantLock();

    private final EmbeddedPostgresServer server;
    private final FileChannel lockFile;
    private final int reused;
    private final int replayed;
    private boolean closed;

    private ShadowCache(EmbeddedPostgresServer server, FileChannel lockFile, int reused, int replayed) {
        this.server = server;
        this.lockFile = lockFile;
        this.reused = reused;
        this.replayed = replayed;
    }

    /**
     * A shadow database in {@code folder} with {@code changelog} replayed into it (as far as {@code filter} takes it):
     * copied from the longest cached prefix, the rest replayed with {@code listener} hearing it. {@code waiting} hears
     * that another process holds the folder.
     */
    public static ShadowCache open(Path folder, Changelog changelog, ChangelogFilter filter, MigrationListener listener,
                                   Consumer<String> waiting) {
        IN_THIS_PROCESS.lock();
        FileChannel lockFile = null;
        EmbeddedPostgresServer server = null;
        try {
            PrivateFolders.ensure(folder);
            lockFile = FileChannel.open(folder.resolve("in-use.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lockFile.tryLock();
            if (lock == null) {
                waiting.accept("sark-migrate: waiting for another sark-migrate using the shadow cache in " + folder + "...");
                lockFile.lock();
            }
            server = start(folder.resolve("pgdata"));
            int[] counts = prepare(server, changelog, filter, listener);
            return new ShadowCache(server, lockFile, counts[0], counts[1]);
        } catch (IOException e) {
            release(server, lockFile);
            throw new EmbeddedPostgresException("Could not use the shadow cache in " + folder + " (" + IoErrors.describe(e) + "). Run with --no-shadow-cache, or set"
                    + " SARK_MIGRATE_SHADOW_CACHE to a folder you can write.", e);
        } catch (RuntimeException | Error e) {
            release(server, lockFile);
            throw e;
        }
    }

    private static EmbeddedPostgresServer start(Path dataDir) {
        try (var t = Timings.phase("start the shadow cache's PostgreSQL")) {
            try {
                return EmbeddedPostgresServer.startCache(dataDir);
            } catch (EmbeddedPostgresException e) {
                // A cache is worth nothing that will not start (a crash mid-write, a disk that filled): made again.
                Folders.deleteRecursively(dataDir);
                return EmbeddedPostgresServer.startCache(dataDir);
            }
        }
    }

    /** Copies the longest cached prefix into the work database and replays the rest; returns {revisions reused, replayed}. */
    private static int[] prepare(EmbeddedPostgresServer server, Changelog changelog, ChangelogFilter filter, MigrationListener listener) {
        List<String> keys;
        List<String> revisions = new ArrayList<>();
        Set<String> templates = new TreeSet<>();
        int prefix = -1;
        try (Connection admin = server.connect("postgres"); Statement s = admin.createStatement()) {
            String version;
            try (ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')")) {
                rs.next();
                version = rs.getString(1);
            }
            try (var t = Timings.phase("hash the changelog's revisions")) {
                keys = keys(changelog, filter, version, revisions);
            }
            try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'sark\\_shadow\\_%' AND datistemplate")) {
                while (rs.next()) {
                    templates.add(rs.getString(1));
                }
            }
            for (int i = keys.size() - 1; i >= 0 && prefix < 0; i--) {
                if (templates.contains(PREFIX + keys.get(i))) {
                    prefix = i;
                }
            }
            try (var t = Timings.phase("copy the cached template")) {
                s.execute("DROP DATABASE IF EXISTS " + WORK + " WITH (FORCE)");
                s.execute("CREATE DATABASE " + WORK + " TEMPLATE " + (prefix < 0 ? "template0" : PREFIX + keys.get(prefix)));
            }
            if (prefix >= 0) {
                touch(s, PREFIX + keys.get(prefix));
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("The shadow cache's PostgreSQL failed: " + e.getMessage(), e);
        }
        int replayed = keys.size() - 1 - prefix;
        if (replayed >= 2) {
            // The revision before the newest is kept too: editing the newest one again and again (as one does while
            // writing it) then replays it alone.
            replay(server, changelog, filter, listener, revisions.get(keys.size() - 2));
            keep(server, PREFIX + keys.get(keys.size() - 2));
        }
        if (replayed > 0 || keys.isEmpty()) {
            replay(server, changelog, filter, listener, null);
        }
        if (replayed > 0) {
            keep(server, PREFIX + keys.get(keys.size() - 1));
        }
        return new int[] {prefix + 1, replayed};
    }

    /** Replays the changelog into the work database up to {@code revision} (null: its head). */
    private static void replay(EmbeddedPostgresServer server, Changelog changelog, ChangelogFilter filter, MigrationListener listener,
                               String revision) {
        try (var t = Timings.phase("replay the changelog into the shadow");
             Migrator migrator = Migrator.open(connect(server, WORK), changelog).listener(listener).filter(filter)) {
            if (revision == null) {
                migrator.upgradeToHead();
            } else {
                migrator.upgradeTo(revision);
            }
        }
    }

    /** Keeps the work database, as it is now, as the template {@code name}. */
    private static void keep(EmbeddedPostgresServer server, String name) {
        try (var t = Timings.phase("keep the replayed shadow as a template");
             Connection admin = server.connect("postgres"); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name); // left half-made by a killed run: not marked a template
            s.execute("CREATE DATABASE " + name + " TEMPLATE " + WORK);
            s.execute("ALTER DATABASE " + name + " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
            touch(s, name);
            prune(s);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("The shadow cache's PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    /** Marks a template as used now (its comment holds the time). */
    private static void touch(Statement s, String template) throws SQLException {
        s.execute("COMMENT ON DATABASE " + template + " IS " + Identifiers.literal(String.valueOf(System.currentTimeMillis())));
    }

    /** Drops the least recently used templates beyond {@value #KEEP}. */
    private static void prune(Statement s) throws SQLException {
        List<String> old = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'sark\\_shadow\\_%' AND datistemplate"
                + " ORDER BY coalesce(shobj_description(oid, 'pg_database'), '0')::bigint DESC OFFSET " + KEEP)) {
            while (rs.next()) {
                old.add(rs.getString(1));
            }
        }
        for (String name : old) {
            s.execute("ALTER DATABASE " + name + " WITH IS_TEMPLATE false");
            s.execute("DROP DATABASE " + name);
        }
    }

    /**
     * One key per revision, in order: a hash of everything the replay up to the end of that revision depends on (see
     * the class comment). Keys of later revisions extend those of earlier ones, so a prefix's key does not change when
     * a revision is added after it.
     */
    static List<String> keys(Changelog changelog, ChangelogFilter filter, String serverVersion, List<String> revisions) {
        MessageDigest digest = sha256();
        // Liquibase writes the SQL of its own change types, so its version (and this tool's) is part of what was replayed.
        update(digest, "sark-migrate shadow 1", String.valueOf(ShadowCache.class.getPackage().getImplementationVersion()),
                LiquibaseUtil.getBuildVersion(), serverVersion, String.valueOf(filter.contexts()), String.valueOf(filter.labels()));
        List<ChangeSetSummary> changeSets = changelog.summaries();
        Map<String, byte[]> files = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < changeSets.size(); i++) {
            ChangeSetSummary c = changeSets.get(i);
            update(digest, c.key().file(), c.key().id(), c.key().author(), c.checksum(), c.contexts(), c.labels(), c.dbms(),
                    String.valueOf(c.alwaysRun()), String.valueOf(c.runOnChange()));
            if (c.preconditions()) {
                digest.update(files.computeIfAbsent(c.key().file(), path -> bytes(changelog, path)));
            }
            String revision = changelog.revisionOf(c.key());
            boolean last = i == changeSets.size() - 1 || !changelog.revisionOf(changeSets.get(i + 1).key()).equals(revision);
            if (last) {
                try {
                    keys.add(HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest(), 0, 16));
                    revisions.add(revision);
                } catch (CloneNotSupportedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return keys;
    }

    private static void update(MessageDigest digest, String... parts) {
        for (String part : parts) {
            digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
    }

    private static byte[] bytes(Changelog changelog, String path) {
        try (InputStream in = changelog.resources().getExisting(path).openInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            return path.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(EmbeddedPostgresServer server, String database) {
        try {
            return server.connect(database);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("The shadow cache's PostgreSQL refused a connection: " + e.getMessage(), e);
        }
    }

    /** How many revisions came from a cached template. */
    public int reused() {
        return reused;
    }

    /** How many revisions were replayed. */
    public int replayed() {
        return replayed;
    }

    @Override
    public Connection connect() {
        return connect(server, WORK);
    }

    @Override
    public String describe() {
        return "the embedded shadow PostgreSQL";
    }

    @Override
    public boolean embedded() {
        return true;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (Connection admin = server.connect("postgres"); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + WORK + " WITH (FORCE)");
        } catch (SQLException e) {
            // Dropped at the next use.
        }
        release(server, lockFile);
    }

    private static void release(EmbeddedPostgresServer server, FileChannel lockFile) {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            try {
                if (lockFile != null) {
                    lockFile.close();
                }
            } catch (IOException ignored) {
                // Closing the channel releases the lock; the OS releases it at exit in any case.
            } finally {
                if (IN_THIS_PROCESS.isHeldByCurrentThread()) {
                    IN_THIS_PROCESS.unlock();
                }
            }
        }
    }
}
