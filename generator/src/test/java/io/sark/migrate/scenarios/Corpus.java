package io.sark.migrate.scenarios;

import java.util.ArrayList;
import java.util.List;

/** Every scenario of the corpus. */
final class Corpus {

    static final List<Scenario> ALL;

    static {
        List<Scenario> all = new ArrayList<>();
        all.add(new Tables.AddTable());
        all.add(new Tables.DropTable());
        all.add(new IdentifierCase());
        all.add(new HostileNames());
        all.addAll(Columns.ALL);
        all.addAll(ForeignKeys.ALL);
        all.addAll(Keys.ALL);
        all.addAll(Relations.ALL);
        all.addAll(EnumColumns.ALL);
        all.addAll(Expressions.ALL);
        all.addAll(Renames.ALL);
        all.addAll(Hypertables.ALL);
        all.addAll(Generators.ALL);
        all.addAll(Hierarchies.ALL);
        all.addAll(Mappings.ALL);
        all.addAll(Fidelity.ALL);
        all.addAll(Schemas.ALL);
        ALL = List.copyOf(all);
    }

    private Corpus() {
    }
}
