package io.sark.migrate.maven;

import io.sark.migrate.cli.SarkMigrate;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A goal is the sark-migrate command of its name, run in Maven's JVM on the project it is run in: the same options,
 * output and refusals as on the command line, its lines in Maven's log, and a non-zero exit one
 * {@link MojoFailureException} line. What the command line takes as options, the plugin takes from the project
 * (its changelog, its embedded database under the project) and from parameters ({@code -Dsark-migrate.url=...}).
 */
abstract class SarkMigrateMojo extends AbstractMojo {

    /** Spring Boot's default master changelog, relative to the project. */
    static final String SPRING_BOOT_CHANGELOG = "src/main/resources/db/changelog/db.changelog-master.yaml";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Skip the goal. */
    @Parameter(property = "sark-migrate.skip", defaultValue = "false")
    boolean skip;

    /**
     * The master changelog (any format Liquibase reads); its paths are relative to the resources folder holding it.
     * Default: the project's sark-migrate.yaml (or liquibase.properties) where it names one, else Spring Boot's
     * src/main/resources/db/changelog/db.changelog-master.yaml.
     */
    @Parameter(property = "sark-migrate.changelog")
    File changelog;

    /** The database, e.g. jdbc:postgresql://db:5432/app?user=app. Default: POSTGRES_* variables, else the embedded one. */
    @Parameter(property = "sark-migrate.url")
    String url;

    /** A file whose first line is the database's password. */
    @Parameter(property = "sark-migrate.passwordFile")
    File passwordFile;

    /** Folder of the embedded PostgreSQL used when no database is configured (default: .sark-migrate in the project). */
    @Parameter(property = "sark-migrate.embeddedDir")
    File embeddedDir;

    /** Liquibase contexts the changesets are taken for (e.g. prod). */
    @Parameter(property = "sark-migrate.contexts")
    String contexts;

    /** Print the result as JSON, as --json does. */
    @Parameter(property = "sark-migrate.json", defaultValue = "false")
    boolean json;

    /** Show the libraries' logs and stack traces, as --verbose does. */
    @Parameter(property = "sark-migrate.verbose", defaultValue = "false")
    boolean verbose;

    /** Further options for the command, as on the command line (e.g. --lock-wait 60). */
    @Parameter
    List<String> options = new ArrayList<>();

    /** The command this goal runs. */
    abstract String command();

    /** The command's own arguments (after the command name), from the goal's parameters. */
    abstract List<String> arguments() throws MojoFailureException;

    @Override
    public final void execute() throws MojoFailureException {
        if (skip) {
            getLog().info("sark-migrate: skipped (sark-migrate.skip).");
            return;
        }
        if ("pom".equals(project.getPackaging()) && changelog == null && !projectSets("changelog")) {
            // An aggregator of a multi-module build compiles no entities and keeps no changelog: the goal is the modules'.
            getLog().info("sark-migrate: skipped in " + project.getArtifactId() + " (packaging pom: no entities or changelog of its"
                    + " own; the modules that have them run it, or give -Dsark-migrate.changelog=FILE).");
            return;
        }
        List<String> args = new ArrayList<>();
        args.add(command());
        args.addAll(arguments());
        if (url != null && !url.isBlank()) {
            args.addAll(List.of("--url", url));
        }
        if (passwordFile != null) {
            args.addAll(List.of("--password-file", passwordFile.getPath()));
        }
        if (embeddedDir != null) {
            args.addAll(List.of("--embedded-dir", embeddedDir.getPath()));
        } else if (!projectSets("embedded-dir")) {
            // The project's own, even where its folder lies inside another checkout of sark-migrate's (whose
            // .sark-migrate/ the command line would find from any folder in it).
            args.addAll(List.of("--embedded-dir", basedir().resolve(".sark-migrate").toString()));
        }
        if (contexts != null && !contexts.isBlank()) {
            args.addAll(List.of("--contexts", contexts));
        }
        if (json) {
            args.add("--json");
        }
        if (verbose) {
            args.add("--verbose");
        }
        args.addAll(options);
        run(args);
    }

    /** The project's folder, where the command runs. */
    Path basedir() {
        return project.getBasedir().toPath().toAbsolutePath();
    }

    /** The master changelog: as configured, else none when the project's settings file names it, else Spring Boot's. */
    Path master() {
        if (changelog != null) {
            return changelog.toPath().toAbsolutePath();
        }
        return projectSets("changelog") ? null : basedir().resolve(SPRING_BOOT_CHANGELOG);
    }

    /** {@code --changelog FILE} for the goals that read it, refused with a hint when it does not exist yet. */
    List<String> existingChangelog() throws MojoFailureException {
        Path master = master();
        if (master == null) {
            return List.of();
        }
        if (!Files.isRegularFile(master)) {
            throw new MojoFailureException("No changelog at " + shown(master) + ": write the first revision with mvn sark-migrate:revision"
                    + " -Dsark-migrate.message=\"<what it does>\", or name the master with -Dsark-migrate.changelog=FILE.");
        }
        return List.of("--changelog", master.toString());
    }

    /** A path as the user knows it: relative to the project when it is in it. */
    String shown(Path path) {
        Path base = basedir();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
    }

    /** The embedded PostgreSQL's library says at INFO which binaries it unpacks: not news in a build's log. */
    private static final String EMBEDDED_LOG_LEVEL = "org.slf4j.simpleLogger.log.io.zonky";

    private void run(List<String> args) throws MojoFailureException {
        getLog().debug("sark-migrate " + String.join(" ", args));
        if (!verbose && System.getProperty(EMBEDDED_LOG_LEVEL) == null) {
            System.setProperty(EMBEDDED_LOG_LEVEL, "warn");
        }
        LogLines lines = new LogLines(getLog());
        int code;
        try (PrintWriter out = new PrintWriter(lines, true); PrintWriter err = new PrintWriter(lines, true)) {
            code = SarkMigrate.execute(basedir(), System.getenv(), new MavenInvocations(), out, err, args.toArray(String[]::new));
        }
        if (code != 0) {
            throw new MojoFailureException(failure(lines.lines(), code));
        }
    }

    /** The one line a failure is: the command's own error line, else what it printed first, with what it listed. */
    private String failure(List<String> lines, int code) {
        // The command's failure is its "error:" line (a stack trace and a "this is a bug" line may follow it under
        // --verbose); a usage error is its last "sark-migrate:" line, after any notice such as a wait for the lock.
        String said = lines.stream().filter(l -> l.startsWith("sark-migrate: error: ")).findFirst()
                .orElseGet(() -> lines.stream().filter(l -> l.startsWith("sark-migrate: ") && !l.startsWith("sark-migrate: waiting"))
                        .reduce((first, second) -> second).orElse(null));
        if (said != null) {
            return "sark-migrate " + command() + ": " + said.substring("sark-migrate: ".length()).replaceFirst("^error: ", "");
        }
        List<String> printed = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("notice:") && !l.startsWith("warning:")
                && !l.startsWith("Using the embedded") && !l.startsWith("Comparing with")).toList();
        if (printed.isEmpty()) {
            return "sark-migrate " + command() + " failed (exit " + code + ").";
        }
        List<String> listed = printed.stream().filter(l -> l.startsWith("  - ")).map(l -> l.substring(4)).toList();
        return "sark-migrate " + command() + ": " + printed.get(0) + (listed.isEmpty() ? "" : " " + String.join(" ", listed));
    }

    /** Writes {@code text} to {@code file}, creating its folders. */
    void write(Path file, String text) throws MojoFailureException {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new MojoFailureException("sark-migrate " + command() + ": cannot write " + shown(file) + " (" + e + ").", e);
        }
    }

    private Boolean settingsRead;
    private Set<String> settingsGiven = Set.of();

    /** Whether the project's sark-migrate.yaml (or liquibase.properties) gives {@code option}: read once per goal. */
    boolean projectSets(String option) {
        if (settingsRead == null) {
            settingsGiven = SarkMigrate.projectSettings(basedir());
            settingsRead = Boolean.TRUE;
        }
        return settingsGiven.contains(option);
    }
}
