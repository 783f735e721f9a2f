package io.sark.migrate.scenarios;

import java.util.List;
import java.util.Map;

/**
 * A scenario written as data: entities before and after, the changes expected between them, and the application's
 * Hibernate settings when they matter.
 */
record Case(String name, List<Class<?>> before, List<Class<?>> after, List<String> expectedChanges, Map<String, String> settings,
            boolean hibernateValidates) implements Scenario {

    Case(String name, List<Class<?>> before, List<Class<?>> after, List<String> expectedChanges) {
        this(name, before, after, expectedChanges, Map.of(), true);
    }

    Case withSettings(Map<String, String> applied) {
        return new Case(name, before, after, expectedChanges, applied, hibernateValidates);
    }

    /** Hibernate's validate cannot pass on these entities (names over 63 bytes): the oracle persists and reloads only. */
    Case withoutValidation() {
        return new Case(name, before, after, expectedChanges, settings, false);
    }

    @Override
    public String toString() {
        return name;
    }
}
