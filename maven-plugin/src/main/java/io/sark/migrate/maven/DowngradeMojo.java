package io.sark.migrate.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.ArrayList;
import java.util.List;

/** Rolls back the revisions after the target (-N, a revision id, or base). */
@Mojo(name = "downgrade")
public class DowngradeMojo extends SarkMigrateMojo {

    /** -N, a revision id, or base. */
    @Parameter(property = "sark-migrate.target")
    String target;

    /** Print the SQL it would run, and change nothing. */
    @Parameter(property = "sark-migrate.sql", defaultValue = "false")
    boolean sql;

    /** Roll back changes that drop data (a table, a column with values). */
    @Parameter(property = "sark-migrate.allowDataLoss", defaultValue = "false")
    boolean allowDataLoss;

    @Override
    String command() {
        return "downgrade";
    }

    @Override
    List<String> arguments() throws MojoFailureException {
        if (target == null || target.isBlank()) {
            throw new MojoFailureException("sark-migrate downgrade: say how far: -Dsark-migrate.target=-1 (or a revision id, or base).");
        }
        List<String> args = new ArrayList<>(List.of(target));
        if (sql) {
            args.add("--sql");
        }
        if (allowDataLoss) {
            args.add("--allow-data-loss");
        }
        args.addAll(existingChangelog());
        return args;
    }
}
