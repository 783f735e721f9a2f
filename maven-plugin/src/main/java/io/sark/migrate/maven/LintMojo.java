package io.sark.migrate.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.ArrayList;
import java.util.List;

/** Lints the changelog's changesets (locks, data loss, missing rollbacks); fails on errors. No database needed. */
@Mojo(name = "lint")
public class LintMojo extends SarkMigrateMojo {

    /** Report only this revision and the ones after it. */
    @Parameter(property = "sark-migrate.since")
    String since;

    /** Print the review a pull request needs (Markdown). */
    @Parameter(property = "sark-migrate.report", defaultValue = "false")
    boolean report;

    @Override
    String command() {
        return "lint";
    }

    @Override
    List<String> arguments() throws MojoFailureException {
        List<String> args = new ArrayList<>(existingChangelog());
        if (since != null && !since.isBlank()) {
            args.addAll(List.of("--since", since));
        }
        if (report) {
            args.add("--report");
        }
        return args;
    }
}
