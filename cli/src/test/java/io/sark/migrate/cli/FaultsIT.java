package io.sark.migrate.cli;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.postgres.server.EmbeddedPostgresServer;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a deploy script and an operator meet when things go wrong, each as separate processes on real PostgreSQL: the
 * server stopped at once mid-upgrade and mid-downgrade, kill -9 during a downgrade, Ctrl-C while waiting for the
 * migration lock, a table lock held past the retries, a downgrade that failed part-way and is run again, two commands
 * on one embedded database. Each ends in one line with its documented exit code, and the next run resumes from what
 * the database holds.
 */
@ExtendWith(FreshDatabase.class)
class FaultsIT {

    /** The changelog of these cases: 001 makes a table; 002 adds one in a changeset that sleeps, both ways. */
    private static Path slowChangelog(Path workDir, String sleepUp, String sleepDown) throws Exception {
        Path root = workDir.resolve("changelog");
        Files.createDirectories(root.resolve("db/changelog"));
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), """
                databaseChangeLog:
                  - include: {file: db/changelog/001_users.yaml}
                  - include: {file: db/changelog/002_slow.yaml}
                """);
        Files.writeString(root.resolve("db/changelog/001_users.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 001_users-1
                      author: t
                      changes:
                        - sql: {sql: CREATE TABLE users (id int)}
                      rollback:
                        - sql: {sql: DROP TABLE users}
                  - changeSet:
                      id: 001_users-tag
                      author: t
                      changes:
                        - tagDatabase: {tag: 001_users}
                      rollback: []
                """);
        Files.writeString(root.resolve("db/changelog/002_slow.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 002_slow-1
                      author: t
                      changes:
                        - sql: {sql: CREATE TABLE quick (id int)}
                      rollback:
                        - sql: {sql: DROP TABLE quick}
                  - changeSet:
                      id: 002_slow-2
                      author: t
                      changes:
                        - sql: {sql: "SET LOCAL lock_timeout = '1s'"}
                        - sql: {sql: ALTER TABLE users ADD COLUMN note text}
                        - sql: {sql: "SELECT pg_sleep(%s)"}
                      rollback:
                        - sql: {sql: "SET LOCAL lock_timeout = '1s'"}
                        - sql: {sql: "SELECT pg_sleep(%s)"}
                        - sql: {sql: ALTER TABLE users DROP COLUMN note}
                  - changeSet:
                      id: 002_slow-tag
                      author: t
                      changes:
                        - tagDatabase: {tag: 002_slow}
                      rollback: []
                """.formatted(sleepUp, sleepDown));
        return root;
    }

    // ---- the server stopped at once ------------------------------------------------------------------------------

    @Test
    void theServerStoppedAtOnceMidUpgradeAndMidDowngradeIsExit3AndTheRerunResumes(@TempDir Path workDir) throws Exception {
        Path root = slowChangelog(workDir, "30", "30");
        Path data = workDir.resolve("pgdata");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(data);
        try {
            server.createDatabase("app");
            String url = server.jdbcUrl("app");

            Launcher.Started upgrade = Launcher.start(workDir, "upgrade", "--url", url, "--changelog-root", root.toString());
            awaitQuery(url, "SELECT pg_sleep(30)", upgrade.process());
            crash(data);
            Launcher.Result crashed = upgrade.await();
            report("server stopped mid-upgrade", crashed);
            assertOneLine(crashed, ExitCodes.UNAVAILABLE, "upgrade to head stopped at changeset 002_slow-2 (db/changelog/002_slow.yaml):"
                    + " the connection to the database was lost");
            assertThat(crashed.err()).contains("The server rolls back the changeset that was running.");

            server = restart(server, data);
            url = server.jdbcUrl("app");
            assertThat(applied(url)).as("002_slow-2 was rolled back by the server").containsExactly("001_users-1", "001_users-tag", "002_slow-1");
            Launcher.Result current = Launcher.run(workDir, "current", "--url", url, "--changelog-root", root.toString());
            assertThat(current.out()).contains("001_users (1 pending), part-way through 002_slow (1 of 3 changesets applied");
            rewriteSleep(root, "0", "30");
            Launcher.Result rerun = Launcher.run(workDir, "upgrade", "--url", url, "--changelog-root", root.toString());
            assertThat(rerun.exitCode()).as(rerun.err()).isZero();
            assertThat(rerun.out()).contains("Applied 2 changeset(s): 001_users -> 002_slow.");

            Launcher.Started downgrade = Launcher.start(workDir, "downgrade", "-1", "--url", url, "--changelog-root", root.toString());
            awaitQuery(url, "SELECT pg_sleep(30)", downgrade.process());
            crash(data);
            Launcher.Result crashedDown = downgrade.await();
            report("server stopped mid-downgrade", crashedDown);
            assertOneLine(crashedDown, ExitCodes.UNAVAILABLE, "downgrade to 001_users stopped at changeset 002_slow-2");

            server = restart(server, data);
            url = server.jdbcUrl("app");
            assertThat(applied(url)).as("the tag was rolled back; 002_slow-2's rollback was undone with the session")
                    .containsExactly("001_users-1", "001_users-tag", "002_slow-1", "002_slow-2");
            rewriteSleep(root, "0", "0");
            Launcher.Result rerunDown = Launcher.run(workDir, "downgrade", "-1", "--url", url, "--changelog-root", root.toString());
            assertThat(rerunDown.exitCode()).as(rerunDown.err()).isZero();
            assertThat(rerunDown.out()).contains("Rolled back 2 changeset(s)", "Database is at revision 001_users");
            assertThat(applied(url)).containsExactly("001_users-1", "001_users-tag");
        } finally {
            closeQuietly(server);
        }
    }

    // ---- kill -9 during a downgrade -----------------------------------------------------------------------------

    @Test
    void killedDuringADowngradeTheChangeSetStaysAppliedAndTheRerunFinishes(TestDatabase db, @TempDir Path workDir) throws Exception {
        Path root = slowChangelog(workDir, "0", "30");
        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            migrator.upgradeToHead();
        }
        Launcher.Started downgrade = Launcher.start(workDir, "downgrade", "base", "--url", db.jdbcUrl(), "--changelog-root", root.toString());
        awaitQuery(db.jdbcUrl(), "SELECT pg_sleep(30)", downgrade.process());
        downgrade.kill();
        ServerSessions.awaitGone(db, downgrade.process().pid(), Duration.ofSeconds(30));
        System.out.println("FaultsIT: kill -9 mid-downgrade: history " + applied(db.jdbcUrl()));
        assertThat(applied(db.jdbcUrl())).as("002_slow-2's rollback died with its session").containsExactly("001_users-1",
                "001_users-tag", "002_slow-1", "002_slow-2");
        assertThat(columns(db.jdbcUrl(), "users")).containsExactly("id", "note");

        rewriteSleep(root, "0", "0");
        Launcher.Result rerun = Launcher.run(workDir, "downgrade", "base", "--url", db.jdbcUrl(), "--changelog-root", root.toString());
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(applied(db.jdbcUrl())).isEmpty();
    }

    // ---- Ctrl-C while waiting for the migration lock ------------------------------------------------------------

    @Test
    void ctrlCWhileWaitingForTheMigrationLockExits130PromptlyAndChangesNothing(TestDatabase db, @TempDir Path workDir) throws Exception {
        try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
            s.execute("SET application_name = 'other deploy'");
            s.execute("SELECT pg_advisory_lock(" + 0x5341524B + ", " + ("public".hashCode() & 0x7fffffff) + ")");
            Launcher.Started stamp = Launcher.start(workDir, "stamp", "head", "--url", db.jdbcUrl(), "--changelog-root",
                    Launcher.PROJECT_CHANGELOG.toString());
            awaitErr(stamp, "waiting for the migration lock held by 'other deploy'");
            long start = System.nanoTime();
            new ProcessBuilder("kill", "-INT", String.valueOf(stamp.process().pid())).start().waitFor();
            Launcher.Result result = stamp.await();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            report("SIGINT during a lock wait (" + millis + " ms)", result);

            assertOneLine(result, ExitCodes.INTERRUPTED, "Interrupted while waiting for the migration lock held by 'other deploy'");
            assertThat(result.err()).contains(": nothing ran. The database is at revision base.");
            assertThat(millis).as("it stopped waiting at once").isLessThan(10_000);
        }
        assertThat(applied(db.jdbcUrl())).as("the stamp did not run once the lock was free").isEmpty();
    }

    // ---- a table lock held past the retries ---------------------------------------------------------------------

    @Test
    void aTableLockHeldPastTheRetriesNamesTheBlockerAndIsExit3(TestDatabase db, @TempDir Path workDir) throws Exception {
        Path root = slowChangelog(workDir, "0", "0");
        try (Connection blocker = usersLockedByAReportingJob(db, root)) {
            int pid = pid(blocker.createStatement());

            Launcher.Result result = Launcher.run(workDir, "upgrade", "--lock-retries", "1", "--url", db.jdbcUrl(), "--changelog-root", root.toString());
            report("lock held past the retries", result);
            assertOneLine(result, ExitCodes.UNAVAILABLE, "upgrade to head failed at changeset 002_slow-2 (db/changelog/002_slow.yaml):"
                    + " ERROR: canceling statement due to lock timeout");
            assertThat(result.err()).contains("notice: a lock timeout stopped changeset 002_slow-2, waiting for pid " + pid + " 'reporting job'",
                    "trying again in 1 s (retry 1 of 1)", "It waited for pid " + pid + " 'reporting job' (idle in transaction",
                    "Tried 2 times.", "SELECT pg_terminate_backend(" + pid + ")", "The database is part-way through 002_slow (1 of 3");

            Launcher.Started retried = Launcher.start(workDir, "upgrade", "--url", db.jdbcUrl(), "--changelog-root", root.toString());
            awaitErr(retried, "retry 1 of 3");
            blocker.rollback();
            Launcher.Result passed = retried.await();
            report("lock released during the retries", passed);
            assertThat(passed.exitCode()).as(passed.err()).isZero();
        }
        assertThat(columns(db.jdbcUrl(), "users")).containsExactly("id", "note");
    }

    @Test
    void lockWaitBoundsTheWholeWaitTableLocksIncluded(TestDatabase db, @TempDir Path workDir) throws Exception {
        Path root = slowChangelog(workDir, "0", "0");
        Path slow = root.resolve("db/changelog/002_slow.yaml");
        Files.writeString(slow, Files.readString(slow).replace("lock_timeout = '1s'", "lock_timeout = '60s'")); // its own wait: long
        try (Connection blocker = usersLockedByAReportingJob(db, root)) {
            int pid = pid(blocker.createStatement());

            Launcher.Result result = Launcher.run(workDir, "upgrade", "--lock-wait", "2", "--url", db.jdbcUrl(), "--changelog-root", root.toString());
            report("--lock-wait 2 with a changeset whose lock_timeout is 60 s", result);

            assertOneLine(result, ExitCodes.UNAVAILABLE, "Changeset 002_slow-2 was still waiting for a table lock when --lock-wait (2 s,"
                    + " for all of the command's waits) ran out; it was rolled back. The database is part-way through 002_slow (1 of 3");
            assertThat(result.err()).contains("It waited for pid " + pid + " 'reporting job'", "A larger --lock-wait waits longer.")
                    .doesNotContain("retry 1");
            blocker.rollback();
        }
        assertThat(columns(db.jdbcUrl(), "users")).containsExactly("id");
    }

    @Test
    void aConcurrentIndexBuildBlockedByAnOldTransactionOnAnotherTableSaysSo(TestDatabase db, @TempDir Path workDir) throws Exception {
        Path root = workDir.resolve("changelog");
        Files.createDirectories(root.resolve("db/changelog"));
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), "databaseChangeLog:\n  - include: {file: db/changelog/001_ix.yaml}\n");
        Files.writeString(root.resolve("db/changelog/001_ix.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 001_ix-1
                      author: t
                      runInTransaction: false
                      changes:
                        - sql: {sql: "SET lock_timeout = '2s'"}
                        - sql: {sql: DROP INDEX CONCURRENTLY IF EXISTS ix_users_id}
                        - sql: {sql: CREATE INDEX CONCURRENTLY ix_users_id ON users (id)}
                        - sql: {sql: RESET lock_timeout}
                      rollback:
                        - sql: {sql: DROP INDEX CONCURRENTLY IF EXISTS ix_users_id}
                  - changeSet:
                      id: 001_ix-tag
                      author: t
                      changes:
                        - tagDatabase: {tag: 001_ix}
                      rollback: []
                """);
        db.execute("CREATE TABLE users (id int); CREATE TABLE invoices (id int)");
        try (Connection old = db.connect(); Statement s = old.createStatement()) {
            s.execute("SET application_name = 'month-end report'");
            old.setAutoCommit(false);
            old.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            s.execute("SELECT count(*) FROM invoices"); // holds a snapshot: older than any index build that starts now

            Launcher.Result result = Launcher.run(workDir, "upgrade", "--lock-retries", "0", "--url", db.jdbcUrl(), "--changelog-root", root.toString());
            report("CREATE INDEX CONCURRENTLY and an old transaction", result);
            assertOneLine(result, ExitCodes.UNAVAILABLE, "lock timeout");
            assertThat(result.err()).contains("'month-end report'", "CREATE INDEX CONCURRENTLY waits for every transaction older than it to end");
            old.rollback();
        }
    }

    // ---- a downgrade that failed part-way, run again ------------------------------------------------------------

    @Test
    void aDowngradeThatFailedPartWayRunAgainRollsBackExactlyOneRevision(TestDatabase db, @TempDir Path workDir) throws Exception {
        String[] sark = {"--url", db.jdbcUrl(), "--changelog-root", Launcher.PROJECT_CHANGELOG.toString()};
        assertThat(Launcher.run(workDir, concat(new String[] {"upgrade", "003_policies"}, sark)).exitCode()).isZero();
        db.execute("INSERT INTO users (id, email, full_name, hashed_password) VALUES (gen_random_uuid(), 'a@example.com', 'A', 'x')");
        db.execute("CREATE VIEW policy_names AS SELECT name FROM policies");

        Launcher.Result failed = Launcher.run(workDir, concat(new String[] {"downgrade", "-1", "--allow-data-loss"}, sark));
        report("downgrade failing part-way", failed);
        assertOneLine(failed, ExitCodes.FAILED, "cannot drop table policies because other objects depend on it");
        assertThat(failed.err()).contains("The database is part-way through 003_policies (2 of 5 changesets applied; the last complete"
                + " revision is 002_api_keys).");
        Launcher.Result current = Launcher.run(workDir, concat(new String[] {"current"}, sark));
        assertThat(current.out()).contains("002_api_keys (4 pending), part-way through 003_policies (2 of 5 changesets applied: ",
                "sark-migrate upgrade 003_policies --url ", " finishes it, ", "sark-migrate downgrade 002_api_keys --url ", " undoes it");

        db.execute("DROP VIEW policy_names");
        Launcher.Result again = Launcher.run(workDir, concat(new String[] {"downgrade", "-1", "--allow-data-loss"}, sark));
        report("the same downgrade again", again);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("Rolled back 2 changeset(s): 003_policies -> 002_api_keys.", "Database is at revision 002_api_keys");
        assertThat(applied(db.jdbcUrl())).as("001 and 002 whole").hasSize(Changelog.inDirectory(Launcher.PROJECT_CHANGELOG).revisions()
                .all().subList(0, 2).stream().mapToInt(r -> r.changeSets().size()).sum());
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM users")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    // ---- two commands on one embedded database ------------------------------------------------------------------

    @Test
    void twoCommandsOnOneEmbeddedDatabaseTakeTurns(@TempDir Path workDir) throws Exception {
        Launcher.Started first = Launcher.start(workDir, "upgrade");
        Launcher.Started second = Launcher.start(workDir, "upgrade");
        Launcher.Result a = first.await();
        Launcher.Result b = second.await();
        report("two upgrades on one embedded database (first)", a);
        report("two upgrades on one embedded database (second)", b);

        assertThat(List.of(a.exitCode(), b.exitCode())).containsExactly(0, 0);
        int changeSets = Changelog.bundled().changeSets().size();
        assertThat(List.of(a.out(), b.out())).as("one applied everything, the other found it done")
                .anyMatch(out -> out.startsWith("Applied " + changeSets + " changeset(s)"))
                .anyMatch(out -> out.startsWith("Nothing to apply."));
        // The holder is named by its pid, or, when the wait begins before the holder has written it, as starting.
        assertThat(a.err() + b.err()).containsPattern("sark-migrate: waiting for another sark-migrate using \\.sark-migrate/ \\((pid \\d+|a process that is starting)");
        assertThat(a.err() + b.err()).doesNotContain("did not start", "Exception", "\tat ");
    }

    // ---- a role's statement_timeout ------------------------------------------------------------------------------

    @Test
    void aRolesStatementTimeoutDoesNotCutAMigrationShortUnlessAsked(TestDatabase db, @TempDir Path workDir) throws Exception {
        Path root = slowChangelog(workDir, "2", "0");
        String role = "hasty_" + ProcessHandle.current().pid();
        db.execute("CREATE ROLE " + role + " LOGIN SUPERUSER PASSWORD 'hasty'; ALTER ROLE " + role + " SET statement_timeout = '1s'");
        try {
            String url = db.jdbcUrl().replaceFirst("user=[^&]*", "user=" + role).replaceFirst("&password=[^&]*", "") + "&password=hasty";
            Launcher.Result cut = Launcher.run(workDir, "upgrade", "--statement-timeout", "1", "--url", url, "--changelog-root", root.toString());
            report("--statement-timeout 1 on a 2 s changeset", cut);
            assertOneLine(cut, ExitCodes.FAILED, "ERROR: canceling statement due to statement timeout");

            Launcher.Result passed = Launcher.run(workDir, "upgrade", "--verbose", "--url", url, "--changelog-root", root.toString());
            assertThat(passed.exitCode()).as(passed.err()).isZero();
            assertThat(passed.err()).contains("sark-migrate: migration session: statement_timeout 0 (none) (the role's"
                    + " statement_timeout=1s is overridden for this session)");
        } finally {
            db.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static void report(String what, Launcher.Result result) {
        System.out.println("FaultsIT: " + what + ": exit " + result.exitCode() + ": " + result.err().lines()
                .filter(l -> l.startsWith("sark-migrate: error") || l.startsWith("sark-migrate: "))
                .reduce((x, y) -> y).orElse(result.out().strip()));
    }

    /** Exit {@code code}, one error line containing {@code text}, no stack trace. */
    static void assertOneLine(Launcher.Result result, int code, String text) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(code);
        List<String> errors = result.err().lines().filter(l -> l.startsWith("sark-migrate: error: ") || l.startsWith("sark-migrate: ")
                && !l.startsWith("sark-migrate: waiting")).toList();
        assertThat(errors).as(result.err()).hasSize(1);
        assertThat(errors.get(0)).contains(text);
        assertThat(result.err()).as("no stack trace").doesNotContain("\tat ", "Exception in thread", "SEVERE", "WARNING");
    }

    private static void awaitQuery(String url, String query, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query = '" + query.replace("'", "''")
                         + "' AND state = 'active' AND pid <> pg_backend_pid()")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no session ran " + query);
    }

    private static void awaitErr(Launcher.Started started, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && started.process().isAlive()) {
            if (Files.readString(started.err()).contains(text)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("stderr never said '" + text + "': " + Files.readString(started.err()));
    }

    /** What pg_ctl stop -m immediate does: SIGQUIT to the postmaster, which ends every session without a checkpoint. */
    private static void crash(Path data) throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        new ProcessBuilder("kill", "-QUIT", String.valueOf(postmaster)).start().waitFor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server did not stop");
            }
            Thread.sleep(20);
        }
    }

    private static EmbeddedPostgresServer restart(EmbeddedPostgresServer crashed, Path data) {
        closeQuietly(crashed);
        return EmbeddedPostgresServer.startPersistent(data);
    }

    private static void closeQuietly(EmbeddedPostgresServer server) {
        try {
            server.close();
        } catch (RuntimeException alreadyStopped) {
            // pg_ctl stop finds no server after a crash.
        }
    }

    private static void rewriteSleep(Path root, String up, String down) throws Exception {
        Path file = root.resolve("db/changelog/002_slow.yaml");
        String text = Files.readString(file);
        String[] parts = text.split("SELECT pg_sleep\\(", -1);
        // parts[1] starts with the upgrade's seconds, parts[2] with the rollback's
        parts[1] = up + parts[1].substring(parts[1].indexOf(')'));
        parts[2] = down + parts[2].substring(parts[2].indexOf(')'));
        Files.writeString(file, String.join("SELECT pg_sleep(", parts));
    }

    private static List<String> applied(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            return CrashSafetyIT.applied(c);
        }
    }

    private static List<String> columns(String url, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = '" + table
                     + "' ORDER BY ordinal_position")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * The database at 001_users, and a session named 'reporting job' that holds users in ROW EXCLUSIVE mode in a
     * transaction it leaves open (until the caller rolls it back or closes it).
     */
    private static Connection usersLockedByAReportingJob(TestDatabase db, Path root) throws SQLException {
        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            migrator.upgradeTo("001_users");
        }
        Connection blocker = db.connect();
        try (Statement s = blocker.createStatement()) {
            s.execute("SET application_name = 'reporting job'");
            blocker.setAutoCommit(false);
            s.execute("LOCK TABLE users IN ROW EXCLUSIVE MODE");
        }
        return blocker;
    }

    private static int pid(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
