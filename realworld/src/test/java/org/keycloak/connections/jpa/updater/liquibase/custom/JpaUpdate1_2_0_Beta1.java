package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate1_2_0_Beta1, standing in (see {@link StandIn}). */
public class JpaUpdate1_2_0_Beta1 extends StandIn {
}
