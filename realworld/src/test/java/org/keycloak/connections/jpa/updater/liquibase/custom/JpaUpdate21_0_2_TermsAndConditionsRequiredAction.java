package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate21_0_2_TermsAndConditionsRequiredAction, standing in (see {@link StandIn}). */
public class JpaUpdate21_0_2_TermsAndConditionsRequiredAction extends StandIn {
}
