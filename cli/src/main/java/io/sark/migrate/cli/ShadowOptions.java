package io.sark.migrate.cli;

import io.sark.migrate.diagnostics.Timings;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.TargetDatabase;
import io.sark.migrate.postgres.server.ContainerDatabase;
import io.sark.migrate.postgres.server.PostgresBinaries;
import io.sark.migrate.postgres.server.ThrowawayDatabase;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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

    @Option(names = "--no-shadow-cache",
            description = "Replay the whole changelog into a new throwaway PostgreSQL, instead of reusing the revisions replayed"
                    + " by earlier runs (kept as template databases in the shadow cache; SARK_MIGRATE_SHADOW_CACHE names its"
                    + " folder, or 'off').")
    boolean noCache;

    /** The shadow cache's folder, or empty when it is not used (another kind of shadow, switched off). */
    Optional<Path> cacheFolder(Context context) {
        String configured = context.environment().getOrDefault("SARK_MIGRATE_SHADOW_CACHE", "");
        if (noCache || url != null || kind != Kind.embedded || configured.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        if (!configured.isBlank()) {
            return Optional.of(context.workingDirectory().resolve(configured).toAbsolutePath());
        }
        return Optional.of(PostgresBinaries.forThisMachine().shadowCacheFolder());
    }

    /** The shadow to replay {@code changelog} into (and, given by URL, to empty again with it). */
    TargetDatabase start(PrintWriter err, Changelog changelog) {
        if (url != null) {
            ConnectionSettings settings = ConnectionSettings.resolve(url, null, Map.of()).orElseThrow();
            err.println("Comparing with a shadow database: the changelog replayed into " + settings.redactedUrl() + ".");
            err.flush();
            return new UrlShadow(settings, Duration.ofSeconds(10), changelog);
        }
        if (kind == Kind.docker) {
            err.println("Comparing with a shadow database: the changelog replayed into a throwaway " + image + " container.");
            err.flush();
            return ContainerDatabase.start(image);
        }
        err.println("Comparing with a shadow database: the changelog replayed into a throwaway embedded PostgreSQL.");
        err.flush();
        try (var t = Timings.phase("start the shadow PostgreSQL")) {
            return ThrowawayDatabase.start();
        }
    }
}
