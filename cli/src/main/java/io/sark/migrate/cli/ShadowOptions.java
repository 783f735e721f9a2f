package io.sark.migrate.cli;

import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.ContainerDatabase;
import io.sark.migrate.postgres.TargetDatabase;
import io.sark.migrate.postgres.ThrowawayDatabase;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** Where the shadow database runs when no database is configured: embedded (the default) or in Docker. */
final class ShadowOptions {

    enum Kind { embedded, docker }

    @Option(names = "--shadow", paramLabel = "KIND", defaultValue = "embedded",
            description = "Where the shadow database runs: embedded (default; needs nothing) or docker (needs a Docker engine).")
    Kind kind;

    @Option(names = "--shadow-image", paramLabel = "IMAGE", defaultValue = "postgres:16-alpine",
            description = "The image of a Docker shadow database (default: ${DEFAULT-VALUE}; e.g. timescale/timescaledb:latest-pg16).")
    String image;

    @Option(names = "--shadow-url", paramLabel = "JDBC_URL",
            description = "Use this empty database as the shadow (e.g. a CI service with TimescaleDB). It is refused unless"
                    + " empty, and emptied again afterwards.")
    String url;

    TargetDatabase start(PrintWriter err) {
        if (url != null) {
            ConnectionSettings settings = ConnectionSettings.resolve(url, null, java.util.Map.of()).orElseThrow();
            err.println("Comparing with a shadow database: the changelog replayed into " + settings.redactedUrl() + ".");
            err.flush();
            return new UrlShadow(settings, java.time.Duration.ofSeconds(10));
        }
        if (kind == Kind.docker) {
            err.println("Comparing with a shadow database: the changelog replayed into a throwaway " + image + " container.");
            err.flush();
            return ContainerDatabase.start(image);
        }
        err.println("Comparing with a shadow database: the changelog replayed into a throwaway embedded PostgreSQL.");
        err.flush();
        return ThrowawayDatabase.start();
    }
}
