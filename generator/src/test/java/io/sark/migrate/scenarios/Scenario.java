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
}
