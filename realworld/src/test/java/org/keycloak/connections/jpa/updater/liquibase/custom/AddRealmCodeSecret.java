package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's AddRealmCodeSecret, standing in (see {@link StandIn}). */
public class AddRealmCodeSecret extends StandIn {
}
