package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate19_0_0_DefaultPostLogoutRedirectUri, standing in (see {@link StandIn}). */
public class JpaUpdate19_0_0_DefaultPostLogoutRedirectUri extends StandIn {
}
