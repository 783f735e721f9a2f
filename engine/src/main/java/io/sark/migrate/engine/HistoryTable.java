package io.sark.migrate.engine;

import io.sark.migrate.engine.changelog.ChangeSetKey;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.postgres.ConnectionLoss;
import io.sark.migrate.postgres.DatabaseUnavailableException;
import io.sark.migrate.schema.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Liquibase's history table ({@code databasechangelog}), as sark-migrate reads and repairs it: every statement on it is
 * here. Reading it when it does not exist yet is reading an empty history. A failure is a {@link MigrationException}
 * that says the history could not be read or written.
 */
final class HistoryTable {

    private final Connection connection;
    private final Supplier<String> name;

    /**
     * @param connection the database's connection
     * @param name       the table's name as Liquibase is configured (it may change until Liquibase is set up)
     */
    HistoryTable(Connection connection, Supplier<String> name) {
        this.connection = connection;
        this.name = name;
    }

    /** The table's name as SQL, quoted, so that no name configured for it can add SQL. */
    String sqlName() {
        return Identifiers.quote(name.get().toLowerCase(Locale.ROOT));
    }

    boolean exists() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, sqlName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** How many changesets are recorded as applied. */
    int count() {
        if (!exists()) {
            return 0;
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + sqlName())) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** The latest tag applied: the revision the database is at. */
    Optional<String> latestTag() {
        if (!exists()) {
            return Optional.empty();
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT tag FROM " + sqlName() + " WHERE tag IS NOT NULL ORDER BY orderexecuted DESC LIMIT 1")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** Every applied changeset, in the order it was applied. */
    List<ChangeSetKey> applied() {
        List<ChangeSetKey> inOrder = new ArrayList<>(latest(Integer.MAX_VALUE));
        Collections.reverse(inOrder);
        return inOrder;
    }

    /** The last {@code count} applied changesets, latest first. */
    List<ChangeSetKey> latest(int count) {
        List<ChangeSetKey> keys = new ArrayList<>();
        if (!exists()) {
            return keys;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, author, filename FROM " + sqlName()
                + " ORDER BY orderexecuted DESC LIMIT ?")) {
            ps.setInt(1, count);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(ChangeSetKey.of(rs));
                }
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
        return keys;
    }

    /** The checksum recorded for each applied changeset (null where Liquibase cleared it). */
    Map<ChangeSetKey, String> checksums() {
        Map<ChangeSetKey, String> checksums = new HashMap<>();
        if (!exists()) {
            return checksums;
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, author, filename, md5sum FROM " + sqlName())) {
            while (rs.next()) {
                checksums.put(ChangeSetKey.of(rs), rs.getString(4));
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
        return checksums;
    }

    /** Every applied changeset with the tag it holds (null for none), latest first. */
    List<Applied> appliedLatestFirst() {
        List<Applied> rows = new ArrayList<>();
        if (!exists()) {
            return rows;
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, author, filename, tag FROM " + sqlName() + " ORDER BY orderexecuted DESC")) {
            while (rs.next()) {
                rows.add(new Applied(ChangeSetKey.of(rs), rs.getString(4)));
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
        return rows;
    }

    /** One row of the history: which changeset, and the tag it set (or null). */
    record Applied(ChangeSetKey key, String tag) {
    }

    /** When each applied changeset was applied ({@code 2026-11-29T18:20:03}). */
    Map<ChangeSetKey, String> appliedAt() {
        Map<ChangeSetKey, String> at = new HashMap<>();
        if (!exists()) {
            return at;
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, author, filename, to_char(dateexecuted, 'YYYY-MM-DD\"T\"HH24:MI:SS') FROM " + sqlName())) {
            while (rs.next()) {
                at.put(ChangeSetKey.of(rs), rs.getString(4));
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
        return at;
    }

    /** How many changesets were applied after the latest one tagged {@code tag}; empty when no applied changeset has it. */
    OptionalInt countAfterTag(String tag) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT (SELECT count(*) FROM " + sqlName()
                + " h WHERE h.orderexecuted > t.orderexecuted) FROM " + sqlName() + " t WHERE t.tag = ? ORDER BY t.orderexecuted DESC LIMIT 1")) {
            ps.setString(1, tag);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** Forgets that these changesets were applied (without running anything); how many rows went. */
    int forget(List<ChangeSetKey> changeSets) {
        int forgotten = 0;
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + sqlName() + " WHERE id = ? AND author = ? AND filename = ?")) {
            for (ChangeSetKey key : changeSets) {
                delete.setString(1, key.id());
                delete.setString(2, key.author());
                delete.setString(3, key.file());
                forgotten += delete.executeUpdate();
            }
            commitIfNeeded();
        } catch (SQLException e) {
            throw new MigrationException("Could not update the migration history: " + e.getMessage(), e);
        }
        return forgotten;
    }

    /** The checksum recorded for an applied changeset; empty when it is not applied. */
    Optional<String> checksum(ChangeSetKey key) {
        if (!exists()) {
            return Optional.empty();
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT md5sum FROM " + sqlName() + " WHERE id = ? AND author = ? AND filename = ?")) {
            select.setString(1, key.id());
            select.setString(2, key.author());
            select.setString(3, key.file());
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /** Records {@code checksum} as the applied changeset's. */
    void recordChecksum(ChangeSetKey key, String checksum) {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + sqlName() + " SET md5sum = ? WHERE id = ? AND author = ? AND filename = ?")) {
            update.setString(1, checksum);
            update.setString(2, key.id());
            update.setString(3, key.author());
            update.setString(4, key.file());
            update.executeUpdate();
            commitIfNeeded();
        } catch (SQLException e) {
            throw new MigrationException("Could not update the migration history: " + e.getMessage(), e);
        }
    }

    private void commitIfNeeded() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    static RuntimeException unreadable(SQLException e) {
        if (ConnectionLoss.in(e)) {
            return new DatabaseUnavailableException("The connection to the database was lost while reading"
                    + " the migration history (" + e.getMessage() + "). When the server is back, run the command again.", e);
        }
        return new MigrationException("Could not read the migration history: " + e.getMessage(), e);
    }
}
