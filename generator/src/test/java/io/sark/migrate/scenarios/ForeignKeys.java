package io.sark.migrate.scenarios;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import java.util.List;
import java.util.UUID;

/** Foreign keys added with each ON DELETE action, and dropped. */
final class ForeignKeys {

    private ForeignKeys() {
    }

    @Entity(name = "Owner") @Table(name = "owners")
    static class Owner {
        @Id UUID id;
    }

    @Entity(name = "Pet") @Table(name = "pets")
    static class PlainPet {
        @Id UUID id;
        @Column(name = "owner_id") UUID ownerId;
    }

    @Entity(name = "Pet") @Table(name = "pets")
    static class CascadePet {
        @Id UUID id;
        @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "owner_id", foreignKey = @ForeignKey(name = "pets_owner_id_fkey"))
        @OnDelete(action = OnDeleteAction.CASCADE) Owner owner;
    }

    @Entity(name = "Pet") @Table(name = "pets")
    static class SetNullPet {
        @Id UUID id;
        @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "owner_id", foreignKey = @ForeignKey(name = "pets_owner_id_fkey"))
        @OnDelete(action = OnDeleteAction.SET_NULL) Owner owner;
    }

    @Entity(name = "Pet") @Table(name = "pets")
    static class RestrictPet {
        @Id UUID id;
        @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "owner_id", foreignKey = @ForeignKey(name = "pets_owner_id_fkey"))
        @OnDelete(action = OnDeleteAction.RESTRICT) Owner owner;
    }

    /** No @OnDelete, no name: NO ACTION, and PostgreSQL's name for it. */
    @Entity(name = "Pet") @Table(name = "pets")
    static class DefaultPet {
        @Id UUID id;
        @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "owner_id") Owner owner;
    }

    record Case(String name, Class<?> from, Class<?> to, List<String> expected) implements Scenario {
        public List<Class<?>> before() { return List.of(Owner.class, from); }
        public List<Class<?>> after() { return List.of(Owner.class, to); }
        public List<String> expectedChanges() { return expected; }
        @Override public String toString() { return name; }
    }

    static final List<Scenario> ALL = List.of(
            new Case("FK added, ON DELETE CASCADE", PlainPet.class, CascadePet.class,
                    List.of("Add foreign key pets_owner_id_fkey on pets (owner_id) -> owners (id), ON DELETE CASCADE.")),
            new Case("FK added, ON DELETE SET NULL", PlainPet.class, SetNullPet.class,
                    List.of("Add foreign key pets_owner_id_fkey on pets (owner_id) -> owners (id), ON DELETE SET NULL.")),
            new Case("FK added, ON DELETE RESTRICT", PlainPet.class, RestrictPet.class,
                    List.of("Add foreign key pets_owner_id_fkey on pets (owner_id) -> owners (id), ON DELETE RESTRICT.")),
            new Case("FK added, unnamed, NO ACTION", PlainPet.class, DefaultPet.class,
                    List.of("Add foreign key pets_owner_id_fkey on pets (owner_id) -> owners (id), ON DELETE NO ACTION.")),
            new Case("FK action changed", CascadePet.class, SetNullPet.class, List.of(
                    "Drop foreign key pets_owner_id_fkey on pets.",
                    "Add foreign key pets_owner_id_fkey on pets (owner_id) -> owners (id), ON DELETE SET NULL.")),
            new Case("FK dropped", CascadePet.class, PlainPet.class, List.of("Drop foreign key pets_owner_id_fkey on pets.")));
}
