package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's FederatedUserAttributeTextColumnMigration, standing in (see {@link StandIn}). */
public class FederatedUserAttributeTextColumnMigration extends StandIn {
}
