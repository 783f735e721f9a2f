package io.sark.migrate.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

import java.util.List;

/** Says which revision the database is at, and whether revisions are pending. */
@Mojo(name = "current")
public class CurrentMojo extends SarkMigrateMojo {

    @Override
    String command() {
        return "current";
    }

    @Override
    List<String> arguments() throws MojoFailureException {
        return existingChangelog();
    }
}
