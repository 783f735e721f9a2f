package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate24_0_2_FederatedTermsAndConditionsRequiredAction, standing in (see {@link StandIn}). */
public class JpaUpdate24_0_2_FederatedTermsAndConditionsRequiredAction extends StandIn {
}
