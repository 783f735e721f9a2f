package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate4_7_0_OfflineSessionsTimestamps, standing in (see {@link StandIn}). */
public class JpaUpdate4_7_0_OfflineSessionsTimestamps extends StandIn {
}
