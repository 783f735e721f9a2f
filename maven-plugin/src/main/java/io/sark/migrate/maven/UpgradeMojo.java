package io.sark.migrate.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.ArrayList;
import java.util.List;

/** Applies the pending revisions up to the target (head by default), each revision's changesets and its tag. */
@Mojo(name = "upgrade")
public class UpgradeMojo extends SarkMigrateMojo {

    /** head (default), a revision id, or +N. */
    @Parameter(property = "sark-migrate.target", defaultValue = "head")
    String target;

    /** Print the SQL it would run, and change nothing. */
    @Parameter(property = "sark-migrate.sql", defaultValue = "false")
    boolean sql;

    @Override
    String command() {
        return "upgrade";
    }

    @Override
    List<String> arguments() throws MojoFailureException {
        List<String> args = new ArrayList<>(List.of(target));
        if (sql) {
            args.add("--sql");
        }
        args.addAll(existingChangelog());
        return args;
    }
}
