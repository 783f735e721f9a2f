package io.sark.migrate.scenarios;

import io.sark.migrate.generate.Generator;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.HibernateOracle;
import io.sark.migrate.testing.TestDatabase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A hypertable's key holds its time column, so an entity's id becomes composite; a database-generated part of it is
 * what Hibernate accepts at start-up and refuses at the first insert. The generator says so, and the way it names
 * instead (a SEQUENCE generator) persists.
 */
@ExtendWith(FreshDatabase.class)
class GeneratedKeyPartTest {

    @Entity(name = "Event") @Table(name = "events") @IdClass(IdentityEvent.Key.class)
    static class IdentityEvent {
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
        @Id @Column(name = "time") java.time.Instant time;

        record Key(Long id, java.time.Instant time) implements java.io.Serializable {
        }
    }

    @Entity(name = "Event") @Table(name = "events") @IdClass(SequenceEvent.Key.class)
    static class SequenceEvent {
        @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) Long id;
        @Id @Column(name = "time") java.time.Instant time;

        record Key(Long id, java.time.Instant time) implements java.io.Serializable {
        }
    }

    private static void apply(TestDatabase db, Path root, Class<?> entity) throws Exception {
        ScenarioCorpusTest.emptyChangelog(root);
        ScenarioCorpusTest.write(root, "events", Generator.changes(io.sark.migrate.schema.Schema.empty(), ScenarioCorpusTest.desired(db, List.of(entity))));
        ScenarioCorpusTest.upgrade(db, root);
    }

    @Test
    void anIdentityInsideACompositeIdIsNamedBeforeTheFirstInsertFailsOnIt(TestDatabase db, @TempDir Path root) throws Exception {
        assertThat(Generator.generatedInCompositeKeys(ScenarioCorpusTest.desired(db, List.of(IdentityEvent.class)))).singleElement()
                .asString().startsWith("the composite primary key of events (id, time) holds id, whose values the database generates")
                .contains("@GeneratedValue(strategy = GenerationType.SEQUENCE)");

        apply(db, root, IdentityEvent.class);
        assertThatThrownBy(() -> HibernateOracle.check(db, List.of(IdentityEvent.class)))
                .hasMessageContaining("Identity generation isn't supported for composite ids");
    }

    @Test
    void checkAndAutogenerateSayItWhereTheyReadTheEntities(TestDatabase db, @TempDir Path root) throws Exception {
        ScenarioCorpusTest.emptyChangelog(root);
        List<String> heard = new java.util.ArrayList<>();
        Generator generator = new Generator(List.of(IdentityEvent.class), io.sark.migrate.engine.changelog.Changelog.inDirectory(root), heard::add);

        generator.desiredAgainst(new io.sark.migrate.postgres.server.ServerDatabase(
                new io.sark.migrate.postgres.ConnectionSettings(db.jdbcUrl(), null, null), java.time.Duration.ofSeconds(5)));

        assertThat(heard).anySatisfy(m -> assertThat(m).startsWith("sark-migrate: entities: the composite primary key of events (id, time)"));
    }

    @Test
    void theSequenceItNamesInsteadPersists(TestDatabase db, @TempDir Path root) throws Exception {
        assertThat(Generator.generatedInCompositeKeys(ScenarioCorpusTest.desired(db, List.of(SequenceEvent.class)))).isEmpty();

        apply(db, root, SequenceEvent.class);
        HibernateOracle.check(db, List.of(SequenceEvent.class));
    }
}
