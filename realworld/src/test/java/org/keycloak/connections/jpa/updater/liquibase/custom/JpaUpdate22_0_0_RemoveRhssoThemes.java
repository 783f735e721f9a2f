package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate22_0_0_RemoveRhssoThemes, standing in (see {@link StandIn}). */
public class JpaUpdate22_0_0_RemoveRhssoThemes extends StandIn {
}
