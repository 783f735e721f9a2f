package io.sark.migrate.engine;

import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogException;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.postgres.server.ThrowawayDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Taking over a SARK database that Alembic managed: it has {@code alembic_version} and no history of ours. Its
 * revision ids are the changelog's, so its schema is checked against the changelog at that revision before anything
 * is recorded; a database that drifted is refused with its differences, and nothing is changed.
 */
public final class AlembicAdoption {

    /** The database's tables, in name order: where no migration tool recorded anything, they are another application's. */
    static List<String> tables(Connection connection) {
        try {
            return List.copyOf(CatalogSnapshot.read(connection).tables());
        } catch (SQLException e) {
            throw new MigrationException("Could not read the database's tables: " + e.getMessage(), e);
        }
    }

    static final String TABLE = "alembic_version";

    /** The catalog the changelog gives at a revision (the changelog replayed into a throwaway database). */
    @FunctionalInterface
    public interface Reference {
        CatalogSnapshot catalogAt(String revision);
    }

    /**
     * What adopting did.
     *
     * @param revision         the revision Alembic recorded, now recorded in the changelog's history
     * @param changeSetsMarked how many changesets were recorded as applied
     */
    public record Adopted(String revision, int changeSetsMarked) {
    }

    private AlembicAdoption() {
    }

    /** The changelog at a revision, replayed into a throwaway embedded PostgreSQL (started for the purpose). */
    static Reference throwaway(Changelog changelog) {
        return revision -> {
            try (ThrowawayDatabase shadow = ThrowawayDatabase.start();
                 Migrator replay = Migrator.open(shadow.connect(), changelog)) {
                replay.upgradeTo(revision);
                return CatalogSnapshot.read(shadow.connect());
            } catch (SQLException e) {
                throw new MigrationException("Could not read the throwaway database's schema: " + e.getMessage(), e);
            }
        };
    }

    /** The revision of an Alembic database not yet adopted; empty when the database is not one. */
    static Optional<String> pendingRevision(Connection connection, boolean hasHistory) {
        if (hasHistory) {
            return Optional.empty();
        }
        try (Statement s = connection.createStatement()) {
            try (ResultSet exists = s.executeQuery("SELECT to_regclass('" + TABLE + "') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return Optional.empty();
                }
            }
            List<String> versions = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT version_num FROM " + TABLE + " ORDER BY 1")) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
            if (versions.size() > 1) {
                throw new ChangelogException("This database is managed by Alembic with several heads (" + String.join(", ", versions)
                        + "); sark-migrate adopts a single line of revisions. Merge them with Alembic first.");
            }
            if (versions.isEmpty()) {
                throw new ChangelogException("This database has an empty " + TABLE + " table: Alembic recorded no revision. If its"
                        + " schema is empty, drop " + TABLE + "; otherwise record its revision with Alembic (alembic stamp) first.");
            }
            return Optional.of(versions.get(0));
        } catch (SQLException e) {
            throw new MigrationException("Could not read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** Refuses a database whose schema is not the changelog's at {@code revision}, listing the differences. */
    static void verify(Connection connection, String revision, Reference reference) {
        CatalogSnapshot expected = reference.catalogAt(revision).withoutColumnPositions();
        CatalogSnapshot actual;
        try {
            actual = CatalogSnapshot.read(connection).withoutColumnPositions();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not read the database's schema: " + e.getMessage(), e);
        }
        List<String> differences = actual.differencesFrom(expected);
        if (!differences.isEmpty()) {
            List<String> shown = differences.stream().limit(5).map(d -> d.replaceAll("\\s+", " ")).toList();
            throw new SchemaDriftException("This database is managed by Alembic at " + revision + ", but its schema differs from the"
                    + " changelog at " + revision + " in " + differences.size() + " place(s): " + String.join("; ", shown)
                    + (differences.size() > shown.size() ? "; ..." : "") + ". Nothing was changed. Bring the schema back to "
                    + revision + " (or put the difference in the changelog), then run again (--json lists every difference).", differences);
        }
    }
}
