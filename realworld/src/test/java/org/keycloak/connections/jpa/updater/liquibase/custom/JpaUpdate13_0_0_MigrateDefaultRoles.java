package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate13_0_0_MigrateDefaultRoles, standing in (see {@link StandIn}). */
public class JpaUpdate13_0_0_MigrateDefaultRoles extends StandIn {
}
