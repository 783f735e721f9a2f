package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate4_0_0_DefaultClientScopes, standing in (see {@link StandIn}). */
public class JpaUpdate4_0_0_DefaultClientScopes extends StandIn {
}
