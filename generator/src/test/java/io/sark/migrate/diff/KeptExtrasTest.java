package io.sark.migrate.diff;

import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.Index;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** --keep-extras: what an existing project's database has beyond its entities is kept; what the entities need is still proposed. */
class KeptExtrasTest {

    @Test
    void whatTheDatabaseHasBeyondTheEntitiesIsKeptAndWhatTheyNeedIsProposed() {
        Column extraNullable = new Column("legacy_code", "varchar(10)", true, null, null, null);
        Column extraRequired = new Column("tenant", "integer", false, null, null, null);
        Column extraDefaulted = new Column("flags", "integer", false, "0", null, null);
        List<SchemaChange> changes = List.of(
                new SchemaChange.DropIndex("users", new Index("ix_users_legacy", List.of("legacy_code"), false, "btree", null)),
                new SchemaChange.DropColumn("users", extraNullable, null),
                new SchemaChange.DropColumn("users", extraDefaulted, null),
                new SchemaChange.DropColumn("users", extraRequired, null),
                new SchemaChange.ChangeNullability("users", "email", "varchar(255)", true),
                new SchemaChange.ChangeDefault("users", "created", "timestamp", "now()", null),
                new SchemaChange.ChangeColumnType("users", "bio", "text", "varchar(255)", null, null),
                new SchemaChange.ChangeColumnType("users", "hits", "bigint", "integer", null, null),
                // what the entities need: still proposed
                new SchemaChange.ChangeColumnType("users", "name", "varchar(50)", "varchar(100)", null, null),
                new SchemaChange.ChangeColumnType("users", "age", "varchar(3)", "integer", null, null),
                new SchemaChange.ChangeNullability("users", "name", "varchar(100)", false),
                new SchemaChange.AddColumn("users", new Column("nickname", "varchar(50)", true, null, null, null)));

        KeptExtras.Split split = KeptExtras.of(changes);

        assertThat(split.proposed().stream().map(SchemaChange::describe)).containsExactly(
                split.proposed().get(0).describe(),
                changes.get(8).describe(), changes.get(9).describe(), changes.get(10).describe(), changes.get(11).describe());
        assertThat(split.proposed().get(0)).as("an extra NOT NULL column without a default: Hibernate's inserts would fail")
                .isEqualTo(new SchemaChange.ChangeNullability("users", "tenant", "integer", true));
        assertThat(split.kept()).containsExactlyElementsOf(changes.subList(0, 8));
        assertThat(split.counted()).isEqualTo("1 NOT NULL relaxation(s), 3 column drop(s), 1 default drop(s), 1 index drop(s), 2 type narrowing(s)");
    }

    @Test
    void aTypeTheEntitiesNeedIsProposedWithTheDefaultTheDatabaseHasAndAKeyTheyDoNotDeclareIsKept() {
        SchemaChange widen = new SchemaChange.ChangeColumnType("flows", "provider", "varchar(36)", "varchar(255)", "'basic'::character varying", null);
        SchemaChange key = new SchemaChange.DropPrimaryKey("uris", new io.sark.migrate.schema.PrimaryKey("uris_pk", List.of("client", "value")));

        KeptExtras.Split split = KeptExtras.of(List.of(widen, key));

        assertThat(split.proposed()).containsExactly(
                new SchemaChange.ChangeColumnType("flows", "provider", "varchar(36)", "varchar(255)", "'basic'::character varying", "'basic'::character varying"));
        assertThat(split.kept()).containsExactly(key);
    }

    @Test
    void wider() {
        assertThat(KeptExtras.wider("text", "varchar(255)")).isTrue();
        assertThat(KeptExtras.wider("varchar(500)", "varchar(255)")).isTrue();
        assertThat(KeptExtras.wider("varchar(100)", "varchar(255)")).isFalse();
        assertThat(KeptExtras.wider("numeric(12,2)", "numeric(10,2)")).isTrue();
        assertThat(KeptExtras.wider("bigint", "integer")).isTrue();
        assertThat(KeptExtras.wider("integer", "bigint")).isFalse();
        assertThat(KeptExtras.wider("text", "integer")).isFalse();
        assertThat(KeptExtras.wider("timestamp with time zone", "timestamp without time zone")).isFalse();
    }
}
