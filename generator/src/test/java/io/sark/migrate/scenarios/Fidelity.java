package io.sark.migrate.scenarios;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What used to make a comparison that never converges: a columnDefinition with a default or NOT NULL in it, names
 * longer than PostgreSQL keeps, and the application's own naming strategies.
 */
final class Fidelity {

    private Fidelity() {
    }

    @Entity(name = "Flag") @Table(name = "flags")
    static class Flag {
        @Id UUID id;
        @Column(name = "enabled", columnDefinition = "boolean default false") Boolean enabled;
        @Column(name = "code", columnDefinition = "varchar(20) not null") String code;
    }

    @Entity(name = "Flag") @Table(name = "flags")
    static class FlagDefaultTrue {
        @Id UUID id;
        @Column(name = "enabled", columnDefinition = "boolean default true") Boolean enabled;
        @Column(name = "code", columnDefinition = "varchar(20) not null") String code;
    }

    @Entity(name = "Organisation")
    @Table(name = "organisation_units_of_the_international_federation_of_examples_and_members",
            indexes = @Index(name = "ix_organisation_units_of_the_international_federation_of_examples_parent",
                    columnList = "parent_organisation_unit_identifier_for_reporting"))
    static class LongNames {
        @Id UUID id;
        @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "parent_organisation_unit_identifier_for_reporting")
        LongNames parent;
        @Column(name = "name_of_the_unit_as_printed_on_the_official_letterhead_of_the_federation") String name;
    }

    @Entity(name = "Organisation")
    @Table(name = "organisation_units_of_the_international_federation_of_examples_and_members",
            indexes = @Index(name = "ix_organisation_units_of_the_international_federation_of_examples_parent",
                    columnList = "parent_organisation_unit_identifier_for_reporting"))
    static class LongNamesUnicode {
        @Id UUID id;
        @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "parent_organisation_unit_identifier_for_reporting")
        LongNamesUnicode parent;
        @Column(name = "name_of_the_unit_as_printed_on_the_official_letterhead_of_the_federation") String name;
        @Column(name = "bezeichnung_der_einheit_fuer_die_ueberoertliche_berichterstattü_mehr") String bezeichnung;
    }

    @Entity(name = "UserAccount")
    static class SpringNamed {
        @Id UUID id;
        @Column String firstName;
        @Column String lastName;
        @ManyToMany @JoinTable Set<SpringRole> roles = new HashSet<>();
    }

    @Entity(name = "SpringRole")
    static class SpringRole {
        @Id UUID id;
        @Column String roleName;
    }

    /** The table's name as PostgreSQL keeps it: its first 63 bytes. */
    static final String LONG_TABLE = "organisation_units_of_the_international_federation_of_examples_";

    static final Map<String, String> SPRING_BOOT_NAMING = Map.of(
            "hibernate.physical_naming_strategy", "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy",
            "hibernate.implicit_naming_strategy", "org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy");

    static final List<Scenario> ALL = List.of(
            new Case("columnDefinition with a default and NOT NULL", List.of(Anchor.class), List.of(Anchor.class, Flag.class), List.of(
                    "Create table flags.")),
            new Case("columnDefinition's default changed", List.of(Flag.class), List.of(FlagDefaultTrue.class), List.of(
                    "Set the default of flags.enabled to true (was false).")),
            new Case("names longer than 63 bytes, as PostgreSQL keeps them", List.of(Anchor.class), List.of(Anchor.class, LongNames.class), List.of(
                    "Create table " + LONG_TABLE + ".",
                    "Create index ix_organisation_units_of_the_international_federation_of_exampl on " + LONG_TABLE
                            + " (parent_organisation_unit_identifier_for_reporting).",
                    "Add foreign key organisation_units_of_the_int_parent_organisation_unit_ide_fkey on " + LONG_TABLE
                            + " (parent_organisation_unit_identifier_for_reporting) -> " + LONG_TABLE + " (id), ON DELETE NO ACTION."))
                    .withoutValidation(),
            new Case("a long name cut between multibyte characters", List.of(LongNames.class), List.of(LongNamesUnicode.class), List.of(
                    "Add column " + LONG_TABLE + ".bezeichnung_der_einheit_fuer_die_ueberoertliche_berichterstatt character varying(255)."))
                    .withoutValidation(),
            new Case("Spring Boot's naming strategies", List.of(Anchor.class), List.of(Anchor.class, SpringNamed.class, SpringRole.class), List.of(
                    "Create table spring_role.",
                    "Create table user_account.",
                    "Create table user_account_roles.",
                    "Add foreign key user_account_roles_roles_id_fkey on user_account_roles (roles_id) -> spring_role (id), ON DELETE NO ACTION.",
                    "Add foreign key user_account_roles_user_account_id_fkey on user_account_roles (user_account_id) -> user_account (id), ON DELETE NO ACTION."))
                    .withSettings(SPRING_BOOT_NAMING));
}
