package io.sark.migrate.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a run of sark-migrate sees of its surroundings: the environment variables and the working directory. Passed
 * in rather than read from the JVM so that tests can give their own.
 */
record Context(Map<String, String> environment, Path workingDirectory) {

    static Context ofThisProcess() {
        return new Context(System.getenv(), Path.of("").toAbsolutePath());
    }
}
