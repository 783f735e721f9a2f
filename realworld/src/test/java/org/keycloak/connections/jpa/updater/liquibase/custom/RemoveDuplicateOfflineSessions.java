package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's RemoveDuplicateOfflineSessions, standing in (see {@link StandIn}). */
public class RemoveDuplicateOfflineSessions extends StandIn {
}
