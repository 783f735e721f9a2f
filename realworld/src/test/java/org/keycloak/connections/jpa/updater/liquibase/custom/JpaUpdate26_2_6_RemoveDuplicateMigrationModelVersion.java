package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate26_2_6_RemoveDuplicateMigrationModelVersion, standing in (see {@link StandIn}). */
public class JpaUpdate26_2_6_RemoveDuplicateMigrationModelVersion extends StandIn {
}
