package io.sark.migrate.cli;

import io.sark.migrate.engine.changelog.Changelog;
import liquibase.util.LiquibaseUtil;
import org.hibernate.Version;
import org.postgresql.util.DriverInfo;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What {@code --version} says: this build (version, the commit it was built from), the changelog built into it, and
 * the versions of what does the work, read from the libraries themselves rather than from the build's settings.
 *
 * @param version        sark-migrate's version
 * @param commit         the git commit it was built from (abbreviated), or null when built outside a checkout
 * @param commitTime     that commit's time, or null
 * @param dirty          whether the checkout had uncommitted changes
 * @param changelogHead  the head revision of the changelog built in, or null when it cannot be read
 * @param liquibase      Liquibase's version
 * @param hibernate      Hibernate ORM's version
 * @param postgresqlJdbc the PostgreSQL JDBC driver's version
 * @param java           the Java runtime running it
 */
record BuildInfo(String version, String commit, String commitTime, boolean dirty, String changelogHead, String liquibase,
                 String hibernate, String postgresqlJdbc, String java) {

    /** Written by the build (git-commit-id-maven-plugin) beside this class. */
    static final String GIT_PROPERTIES = "git.properties";

    static BuildInfo ofThisBuild() {
        Properties git = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(GIT_PROPERTIES)) {
            if (in != null) {
                git.load(in);
            }
        } catch (IOException e) {
            // no commit to report
        }
        String version = SarkMigrate.class.getPackage().getImplementationVersion();
        String head;
        try {
            head = Changelog.bundled().revisions().head();
        } catch (RuntimeException e) {
            head = null;
        }
        return new BuildInfo(version == null ? "(development build)" : version, blankToNull(git.getProperty("git.commit.id.abbrev")),
                blankToNull(git.getProperty("git.commit.time")), Boolean.parseBoolean(git.getProperty("git.dirty")), head,
                LiquibaseUtil.getBuildVersion(), Version.getVersionString(),
                DriverInfo.DRIVER_VERSION,
                System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() || text.startsWith("${") ? null : text.strip();
    }

    /** The text form: the first line as before ({@code sark-migrate 1.2.0}), then one line per item. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("sark-migrate " + version);
        lines.add("  commit:           " + (commit == null ? "unknown (built outside a git checkout)"
                : commit + (commitTime == null ? "" : " (" + commitTime + ")") + (dirty ? ", with uncommitted changes" : "")));
        lines.add("  changelog head:   " + (changelogHead == null ? "unknown (the built-in changelog cannot be read)" : changelogHead));
        lines.add("  Liquibase:        " + liquibase);
        lines.add("  Hibernate ORM:    " + hibernate);
        lines.add("  PostgreSQL JDBC:  " + postgresqlJdbc);
        lines.add("  Java:             " + java);
        return lines;
    }
}
