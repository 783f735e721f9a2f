package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's AuthzResourceUseMoreURIs, standing in (see {@link StandIn}). */
public class AuthzResourceUseMoreURIs extends StandIn {
}
