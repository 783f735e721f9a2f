package io.sark.migrate.cli;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogFilter;
import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.TargetDatabase;
import io.sark.migrate.postgres.server.LocalDatabase;
import io.sark.migrate.postgres.server.ServerDatabase;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Which database and which changelog a command works on. A database is configured by {@code --url} or SARK's
 * {@code POSTGRES_*} variables; with neither, commands use the local embedded database and say so in one line.
 */
final class DatabaseOptions {

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "The database, e.g. jdbc:postgresql://db:5432/sark?user=sark. Default: POSTGRES_HOST, POSTGRES_PORT,"
                    + " POSTGRES_DB, POSTGRES_USER, POSTGRES_PASSWORD if any is set, else the embedded database.")
    String url;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from the first line of FILE, so it need not appear on a command line (with --url,"
                    + " SARK_MIGRATE_PASSWORD in the environment does too).")
    Path passwordFile;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up reaching the database after SECONDS (default: ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "300",
            description = "Wait for locks at most SECONDS in all, then give up with exit code 3 (default: ${DEFAULT-VALUE}; 0 gives up"
                    + " at once): for another migration holding the migration lock, then for table locks, retries included (a"
                    + " changeset still waiting when the time is up is rolled back).")
    int lockWaitSeconds;

    @Option(names = "--lock-retries", paramLabel = "N", defaultValue = "" + Migrator.DEFAULT_LOCK_RETRIES,
            description = "When a changeset gives up waiting for a table lock (its lock_timeout), or is chosen to end a deadlock, it"
                    + " is rolled back; try it again up to N times, after 1, 2, 4... s (default: ${DEFAULT-VALUE}; 0: fail at once)."
                    + " The failure names the sessions it waited for.")
    int lockRetries;

    @Option(names = "--statement-timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "End any statement of the migration that runs longer than SECONDS (default: ${DEFAULT-VALUE}, none,"
                    + " whatever the database role's own statement_timeout says: a long index build must not be cut short).")
    int statementTimeoutSeconds;

    @Option(names = "--contexts", paramLabel = "EXPRESSION",
            description = "Take only the changesets whose Liquibase context matches EXPRESSION (e.g. prod, or \"!test\"), and those"
                    + " bound to none, as stock Liquibase does. Default: every changeset.")
    String contexts;

    @Option(names = "--label-filter", paramLabel = "EXPRESSION",
            description = "Take only the changesets whose Liquibase labels match EXPRESSION, and those with none. Default: every changeset.")
    String labelFilter;

    /** The changesets the command takes (contexts and labels). */
    ChangelogFilter filter() {
        return new ChangelogFilter(contexts, labelFilter);
    }

    @Option(names = "--embedded-dir", paramLabel = "DIR",
            description = "Folder of the embedded PostgreSQL used when no database is configured (default: .sark-migrate in the"
                    + " project's checkout, found from any of its folders; outside a checkout, in the current folder).")
    Path embeddedDir;

    /** The embedded database's folder when none is given: the checkout's, from any folder in it. */
    static final String EMBEDDED_DIR = ".sark-migrate";

    @Option(names = "--changelog-root", paramLabel = "DIR",
            description = "Folder the changelog's paths are relative to (its search path), holding " + Changelog.MASTER
                    + " unless --changelog names another master. Default: migrations/src/main/resources when run from the"
                    + " project's checkout, else the changelog built into sark-migrate.")
    Path changelogRoot;

    @Option(names = "--changelog", paramLabel = "FILE",
            description = "The master changelog, in any format Liquibase reads (XML, YAML, JSON, formatted SQL), relative to"
                    + " --changelog-root when given. Without a root, its paths are taken relative to the nearest enclosing"
                    + " 'resources' folder (as a Maven or Gradle project's Liquibase reads them), else to its own folder.")
    Path changelogFile;

    /** The configured server, if any. */
    Optional<ConnectionSettings> configured(Context context) {
        return ConnectionSettings.resolve(url, passwordFile == null ? null : context.workingDirectory().resolve(passwordFile), context.environment());
    }

    /** Opens the database; the embedded one says so on {@code err}. */
    TargetDatabase open(Context context, PrintWriter err) {
        Optional<ConnectionSettings> settings = configured(context);
        if (settings.isPresent()) {
            return new ServerDatabase(settings.get(), Duration.ofSeconds(connectTimeoutSeconds));
        }
        if (context.installed() && embeddedDir == null) {
            throw new UsageException("no database configured: give --url jdbc:postgresql://HOST:PORT/DB (or POSTGRES_HOST, POSTGRES_PORT,"
                    + " POSTGRES_DB, POSTGRES_USER and a password); sark-migrate from its release archive starts an embedded PostgreSQL"
                    + " only in a folder named with --embedded-dir DIR.");
        }
        Path folder = embeddedFolder(context);
        Path shown = folder.startsWith(context.workingDirectory()) ? context.workingDirectory().relativize(folder) : folder;
        err.println("Using the embedded PostgreSQL in " + (shown.toString().isEmpty() ? "." : shown) + "/ (no database configured).");
        err.flush();
        return LocalDatabase.open(folder, Duration.ofSeconds(Math.max(0, lockWaitSeconds)), holder -> {
            err.println("sark-migrate: waiting for another sark-migrate using " + shown + "/ (" + holder + ") to finish...");
            err.flush();
        });
    }

    /** The embedded database's folder: as given (relative to the working directory), else the checkout's, else here. */
    Path embeddedFolder(Context context) {
        if (embeddedDir != null) {
            return context.workingDirectory().resolve(embeddedDir).normalize();
        }
        Path home = context.checkout().orElse(context.workingDirectory());
        return home.resolve(EMBEDDED_DIR).normalize();
    }

    /** Whether the command uses the changelog built into sark-migrate: nothing named one, and no checkout holds the working directory. */
    boolean bundledChangelog(Context context) {
        return changelogRoot == null && changelogFile == null && (context.installed() || context.checkout().isEmpty());
    }

    Changelog changelog(Context context) {
        Path root = changelogRoot == null ? null : context.workingDirectory().resolve(changelogRoot);
        if (changelogFile != null) {
            Path underRoot = root == null ? null : root.resolve(changelogFile);
            Path file = underRoot != null && Files.isRegularFile(underRoot)
                    ? underRoot : context.workingDirectory().resolve(changelogFile);
            return Changelog.ofFile(file, root);
        }
        if (root != null) {
            return Changelog.inDirectory(root);
        }
        return context.installed() ? Changelog.bundled()
                : context.checkout().map(project -> Changelog.inDirectory(project.resolve(Changelog.SOURCE_ROOT_IN_PROJECT)))
                .orElseGet(Changelog::bundled);
    }
}
