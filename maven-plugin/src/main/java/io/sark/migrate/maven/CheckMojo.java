package io.sark.migrate.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails the build when the entities and the changelog differ (an entity changed without its migration), listing what
 * the changelog needs. Compares with a shadow database the changelog is replayed into, or the configured database.
 * Bind it to verify to make it a gate; before the first revision it compares with an empty changelog.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class CheckMojo extends EntitiesMojo {

    /** Report only the differences this file (written by check --accept) does not list. */
    @Parameter(property = "sark-migrate.accepted")
    File accepted;

    @Override
    String command() {
        return "check";
    }

    @Override
    List<String> arguments() throws MojoFailureException {
        List<String> args = new ArrayList<>(entityArguments());
        Path master = master();
        if (master != null && !Files.isRegularFile(master)) {
            // Before the first revision: what the entities need is everything, compared with an empty changelog.
            Path empty = Path.of(project.getBuild().getDirectory(), "sark-migrate", "empty-changelog", master.getFileName().toString());
            write(empty, RevisionMojo.emptyMaster(master));
            getLog().info("No changelog at " + shown(master) + " yet: the entities are compared with an empty one (the first"
                    + " revision creates it: mvn sark-migrate:revision -Dsark-migrate.message=\"<what it does>\").");
            args.addAll(List.of("--changelog", empty.toString(), "--changelog-root", empty.getParent().toString()));
        } else if (master != null) {
            args.addAll(List.of("--changelog", master.toString()));
        }
        if (accepted != null) {
            args.addAll(List.of("--accepted", accepted.getPath()));
        }
        return args;
    }
}
