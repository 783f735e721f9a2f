package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate26_0_0_IdentityProviderAttributesMigration, standing in (see {@link StandIn}). */
public class JpaUpdate26_0_0_IdentityProviderAttributesMigration extends StandIn {
}
