package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdateAuthz_3_4_0_CR1, standing in (see {@link StandIn}). */
public class JpaUpdateAuthz_3_4_0_CR1 extends StandIn {
}
