package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate22_0_5_UpdateAccountTheme, standing in (see {@link StandIn}). */
public class JpaUpdate22_0_5_UpdateAccountTheme extends StandIn {
}
