package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate1_9_0_Final, standing in (see {@link StandIn}). */
public class JpaUpdate1_9_0_Final extends StandIn {
}
