package io.sark.migrate.scenarios;

import java.util.List;

/**
 * One case of the generator's scenario corpus: entities before, entities after, and the changes the generator must
 * find between them (in the plain words of {@link io.sark.migrate.diff.SchemaChange#describe()}, in order).
 */
interface Scenario {

    List<Class<?>> before();

    List<Class<?>> after();

    List<String> expectedChanges();

    /** The application's Hibernate settings the entities are read with (naming strategies, type preferences). */
    default java.util.Map<String, String> settings() {
        return java.util.Map.of();
    }

    /**
     * Whether Hibernate's {@code validate} can pass at all: not where a name is longer than the 63 bytes PostgreSQL
     * keeps (the generator warns of those); the entities are persisted and reloaded all the same.
     */
    default boolean hibernateValidates() {
        return true;
    }

    /** When the generator must refuse to write the change: a part of the explanation it gives. */
    default String refusal() {
        return null;
    }
}
