package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate1_2_0_CR1, standing in (see {@link StandIn}). */
public class JpaUpdate1_2_0_CR1 extends StandIn {
}
