package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's MigrateUserFedToComponent, standing in (see {@link StandIn}). */
public class MigrateUserFedToComponent extends StandIn {
}
