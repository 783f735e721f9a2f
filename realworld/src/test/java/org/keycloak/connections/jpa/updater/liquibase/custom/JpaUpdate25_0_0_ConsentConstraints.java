package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate25_0_0_ConsentConstraints, standing in (see {@link StandIn}). */
public class JpaUpdate25_0_0_ConsentConstraints extends StandIn {
}
