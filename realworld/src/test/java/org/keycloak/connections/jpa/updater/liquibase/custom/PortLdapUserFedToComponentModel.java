package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's PortLdapUserFedToComponentModel, standing in (see {@link StandIn}). */
public class PortLdapUserFedToComponentModel extends StandIn {
}
