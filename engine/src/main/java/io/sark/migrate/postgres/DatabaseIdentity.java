package io.sark.migrate.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which database a result is about, for a drift watch's log and alerts: the server and database as connected to
 * (no password), the server's version, and what stays the same across connections and names: the database's oid and,
 * where the role may read it, the cluster's system identifier (the same on a streaming replica, new on a restore).
 *
 * @param describe         the database as messages name it ("localhost:5432/sark")
 * @param database         current_database()
 * @param user             current_user
 * @param serverVersion    server_version ("16.4")
 * @param databaseOid      the database's oid in pg_database
 * @param systemIdentifier pg_control_system()'s system_identifier, or null where the role may not read it
 */
public record DatabaseIdentity(String describe, String database, String user, String serverVersion, long databaseOid, String systemIdentifier) {

    /** Read on {@code connection}, which must be in auto-commit (a refused system identifier aborts nothing then). */
    public static DatabaseIdentity read(Connection connection, String describe) throws SQLException {
        String database;
        String user;
        String version;
        long oid;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), current_user, current_setting('server_version'),"
                     + " (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            rs.next();
            database = rs.getString(1);
            user = rs.getString(2);
            version = rs.getString(3);
            oid = rs.getLong(4);
        }
        String system = null;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT system_identifier::text FROM pg_control_system()")) {
            if (rs.next()) {
                system = rs.getString(1);
            }
        } catch (SQLException refused) {
            // pg_control_system() is for superusers and pg_monitor unless granted: the rest still names the database
        }
        return new DatabaseIdentity(describe, database, user, version, oid, system);
    }
}
