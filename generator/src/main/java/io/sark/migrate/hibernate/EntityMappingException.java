package io.sark.migrate.hibernate;

/** The entities cannot be read as a schema (a mapping Hibernate refuses, or one sark-migrate cannot represent). */
public final class EntityMappingException extends RuntimeException {

    public EntityMappingException(String message, Throwable cause) {
        super(message, cause);
    }

    public EntityMappingException(String message) {
        super(message);
    }
}
