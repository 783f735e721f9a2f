package io.sark.migrate.scenarios;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.util.List;
import java.util.UUID;

/**
 * Names that are SQL in disguise. Written as identifiers, quoted, they are only names: the changes apply, the
 * catalog holds exactly those names, and the other table is still there (the scenario's re-diff would show it gone).
 * (Hibernate 6.6 writes a double quote inside a name unescaped, and an index or constraint name unquoted, so no
 * entity can have those: sark-migrate refuses the statement Hibernate writes, see {@code EntityRefusalsTest}. Names
 * read from a database can hold anything, and {@code HostileCatalogNamesTest} covers those.)
 */
final class HostileNames implements Scenario {

    @Entity(name = "Canary") @Table(name = "canary")
    static class Canary {
        @Id UUID id;
    }

    @Entity(name = "Odd") @Table(name = "odd; drop table canary; --")
    static class Odd {
        @Id UUID id;
        @Column(name = "x y") String xy;
    }

    @Entity(name = "Odd")
    @Table(name = "odd; drop table canary; --", indexes = @Index(name = "ix_odd_x_y", columnList = "x y"))
    static class IndexedOdd {
        @Id UUID id;
        @Column(name = "x y") String xy;
        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(name = "canary id", foreignKey = @ForeignKey(name = "fk odd canary; drop table canary"))
        Canary canary;
    }

    public List<Class<?>> before() { return List.of(Canary.class, Odd.class); }
    public List<Class<?>> after() { return List.of(Canary.class, IndexedOdd.class); }
    public List<String> expectedChanges() {
        return List.of("Add column odd; drop table canary; --.canary id uuid.",
                "Create index ix_odd_x_y on odd; drop table canary; -- (x y).",
                "Add foreign key fk odd canary; drop table canary on odd; drop table canary; -- (canary id) -> canary (id), ON DELETE NO ACTION.");
    }
    @Override public String toString() { return "hostile names"; }
}
