package io.sark.migrate.hibernate;

import io.sark.migrate.postgres.catalog.ScratchSchema;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.Identifiers;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads the schema the entities describe, as Hibernate itself would build it: Hibernate's DDL for the entities
 * ({@link EntityModel}) is run by PostgreSQL in a scratch schema that is rolled back, and read with the same reader
 * as the database it is compared with. So a mapping sark-migrate has never seen (a sequence generator, an inheritance
 * strategy, a {@code columnDefinition}, an element collection) gives the schema Hibernate needs by construction, and
 * both sides of a comparison are spelled by PostgreSQL.
 */
public final class EntitySchemaReader {

    private EntitySchemaReader() {
    }

    /** The schema the entities describe, built in a scratch schema of {@code connection}'s database (nothing is kept). */
    public static Schema read(List<Class<?>> entities, Connection connection) throws SQLException {
        return read(EntityModel.read(entities), connection);
    }

    /** The schema {@code model} describes, built in a scratch schema of {@code connection}'s database (nothing is kept). */
    public static Schema read(EntityModel model, Connection connection) throws SQLException {
        Schema built;
        try {
            built = ScratchSchema.build(connection, model.ddl(), model.schemas());
        } catch (ScratchSchema.RefusedStatement e) {
            List<String> longNames = ScratchSchema.longNames(e.statement());
            throw new EntityMappingException("PostgreSQL refuses the schema Hibernate writes for the entities: "
                    + e.getMessage().lines().findFirst().orElse("") + " (in: " + abbreviate(e.statement()) + ")"
                    + (longNames.isEmpty() ? "" : ". PostgreSQL keeps only the first 63 bytes of " + String.join(", ", longNames)
                    + ", so two names may have become one: shorten them."), e);
        }
        for (Table table : built.tables().values()) {
            for (Column column : table.columns()) {
                if (column.type().contains("sark_migrate_entities_")) {
                    throw new EntityMappingException("Column " + Identifiers.display(table.name()) + "." + column.name()
                            + " has a type of a schema other than public (a columnDefinition that names one): sark-migrate makes types in"
                            + " schema public only. Name the type without its schema.");
                }
            }
        }
        return model.arrange(built);
    }

    private static String abbreviate(String statement) {
        return statement.length() <= 200 ? statement : statement.substring(0, 197) + "...";
    }
}
