package io.sark.migrate.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

import java.util.List;

/** Lists the revisions, applied and pending, with when each was applied. */
@Mojo(name = "history")
public class HistoryMojo extends SarkMigrateMojo {

    @Override
    String command() {
        return "history";
    }

    @Override
    List<String> arguments() throws MojoFailureException {
        return existingChangelog();
    }
}
