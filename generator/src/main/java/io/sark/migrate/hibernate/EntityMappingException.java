package io.sark.migrate.hibernate;

import io.sark.migrate.errors.SarkMigrateException;

/** The entities cannot be read as a schema (a mapping Hibernate refuses, or one sark-migrate cannot represent). */
public final class EntityMappingException extends SarkMigrateException {

    public EntityMappingException(String message, Throwable cause) {
        super(Kind.FAILED, message, cause);
    }

    public EntityMappingException(String message) {
        super(Kind.FAILED, message);
    }
}
