package io.sark.migrate.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies the changelog to a throwaway database and checks what it made (every changeset applied, the schema read
 * back); with onTarget, on the configured (or embedded) database instead.
 */
@Mojo(name = "validate")
public class ValidateMojo extends SarkMigrateMojo {

    /** Run on the configured database (or the embedded one) instead of a throwaway one. */
    @Parameter(property = "sark-migrate.onTarget", defaultValue = "false")
    boolean onTarget;

    @Override
    String command() {
        return "validate";
    }

    @Override
    List<String> arguments() throws MojoFailureException {
        List<String> args = new ArrayList<>(existingChangelog());
        if (onTarget) {
            args.add("--target");
        }
        return args;
    }
}
