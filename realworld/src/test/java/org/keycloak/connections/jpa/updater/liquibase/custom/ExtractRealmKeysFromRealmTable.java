package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's ExtractRealmKeysFromRealmTable, standing in (see {@link StandIn}). */
public class ExtractRealmKeysFromRealmTable extends StandIn {
}
