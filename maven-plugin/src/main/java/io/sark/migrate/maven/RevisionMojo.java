package io.sark.migrate.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the next revision into the changelog's sources and includes it in the master: with the changes that take the
 * changelog's schema to the entities' (each with its rollback), or empty with autogenerate=false. The first revision
 * creates the master changelog.
 */
@Mojo(name = "revision", requiresDependencyResolution = ResolutionScope.RUNTIME)
public class RevisionMojo extends EntitiesMojo {

    /** What the revision does; it also names the file. */
    @Parameter(property = "sark-migrate.message")
    String message;

    /** Fill the revision with the differences between the entities and the changelog (default), or leave it empty to write by hand. */
    @Parameter(property = "sark-migrate.autogenerate", defaultValue = "true")
    boolean autogenerate;

    /** Print the SQL the revision would run, and write nothing. */
    @Parameter(property = "sark-migrate.sql", defaultValue = "false")
    boolean sql;

    /** Author of its changesets (default: git config user.name, else sark-migrate). */
    @Parameter(property = "sark-migrate.author")
    String author;

    @Override
    String command() {
        return "revision";
    }

    @Override
    List<String> arguments() throws MojoFailureException {
        if (message == null || message.isBlank()) {
            throw new MojoFailureException("sark-migrate revision: say what the revision does: -Dsark-migrate.message=\"add customer email\".");
        }
        List<String> args = new ArrayList<>(List.of("-m", message));
        if (autogenerate) {
            args.add("--autogenerate");
            args.addAll(entityArguments());
        }
        if (sql) {
            args.add("--sql");
        }
        if (author != null && !author.isBlank()) {
            args.addAll(List.of("--author", author));
        }
        Path master = master();
        if (master != null && !Files.isRegularFile(master)) {
            if (sql) {
                throw new MojoFailureException("sark-migrate revision: no changelog at " + shown(master) + " yet to preview a revision of:"
                        + " write the first one without -Dsark-migrate.sql.");
            }
            write(master, emptyMaster(master));
            getLog().info("Created the master changelog " + shown(master) + " (empty; the revision is its first include).");
        }
        if (master != null) {
            args.addAll(List.of("--changelog", master.toString()));
        }
        return args;
    }

    /** An empty master changelog in the format its name says. */
    static String emptyMaster(Path master) {
        String name = master.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xml")) {
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<databaseChangeLog\n"
                    + "    xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
                    + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                    + "    xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
                    + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n</databaseChangeLog>\n";
        }
        if (name.endsWith(".json")) {
            return "{ \"databaseChangeLog\": [\n] }\n";
        }
        return "databaseChangeLog: []\n";
    }
}
