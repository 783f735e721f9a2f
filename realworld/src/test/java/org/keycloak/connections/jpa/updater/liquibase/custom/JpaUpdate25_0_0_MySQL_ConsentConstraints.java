package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate25_0_0_MySQL_ConsentConstraints, standing in (see {@link StandIn}). */
public class JpaUpdate25_0_0_MySQL_ConsentConstraints extends StandIn {
}
