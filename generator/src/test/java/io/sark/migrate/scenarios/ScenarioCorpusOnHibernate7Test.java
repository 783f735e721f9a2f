package io.sark.migrate.scenarios;

import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.Hibernate7Sample;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The scenario corpus again, read and judged by Hibernate 7 (the Hibernate Spring Boot 4 applications run): each
 * scenario's entities are loaded beside Hibernate 7.4 in a loader of their own, so that the generator turns them into
 * DDL with that Hibernate ({@link io.sark.migrate.hibernate.ApplicationHibernate}), and Hibernate 7's validate, persist
 * and reload judge the schema the generated changesets build.
 */
@ExtendWith(FreshDatabase.class)
class ScenarioCorpusOnHibernate7Test {

    /**
     * In the suite, every fourth scenario and each whose schema differs on Hibernate 7 (the whole corpus takes three
     * minutes more); with {@code -Dhibernate7.corpus=all}, every one.
     */
    static Stream<Scenario> corpus() {
        boolean all = "all".equals(System.getProperty("hibernate7.corpus"));
        List<Scenario> corpus = ScenarioCorpusTest.corpus().toList();
        return IntStream.range(0, corpus.size()).filter(i -> all || i % 4 == 0 || HIBERNATE_7_DECLARES_MORE.containsKey(corpus.get(i).toString()))
                .mapToObj(corpus::get);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void generatesApplyableReversibleChanges(Scenario scenario, TestDatabase db, @TempDir Path root) throws Exception {
        List<String> expected = HIBERNATE_7_DECLARES_MORE.getOrDefault(scenario.toString(), scenario.expectedChanges());
        ScenarioCorpusTest.run(scenario, expected, db, root, Hibernate7Sample::reload, Hibernate7Sample::oracle);
    }

    /**
     * Where Hibernate 7's schema for the same entities is not 6.6's, the changes it calls for. Each difference is
     * Hibernate 7's own DDL (what {@code hbm2ddl} creates there), so the generator follows it: a CHECK on a single
     * table's discriminator (its values), a UNIQUE key on a {@code Set}'s collection table, a CHECK that an order
     * column is not negative.
     */
    static final Map<String, List<String>> HIBERNATE_7_DECLARES_MORE = Map.of(
            "SINGLE_TABLE with an abstract root", List.of(
                    "Create table payments, with CHECK constraint payments_kind_check (kind IN ('card', 'bank'))."),
            "SINGLE_TABLE: a subclass added", List.of(
                    "Drop CHECK constraint payments_kind_check on payments.",
                    "Add column payments.iban character varying(34).",
                    "Add CHECK constraint payments_kind_check on payments (kind IN ('card', 'bank'))."),
            "element collection of basics", List.of(
                    "Create table shop_tags.",
                    "Add UNIQUE constraint shop_tags_shop_id_tag_key on shop_tags (shop_id, tag).",
                    "Add foreign key shop_tags_shop_id_fkey on shop_tags (shop_id) -> shops (id), ON DELETE NO ACTION."),
            "element collection of embeddables with an order column", List.of(
                    "Create table route_stops, with CHECK constraint route_stops_position_check (\"position\" >= 0).",
                    "Create table routes.",
                    "Add foreign key route_stops_route_id_fkey on route_stops (route_id) -> routes (id), ON DELETE NO ACTION."),
            "tables, a sequence and a foreign key in another schema", List.of(
                    "Create schema reporting.",
                    "Create sequence reporting.sale_numbers (start 1, increment 50).",
                    "Create table reporting.sale_tags.",
                    "Create table reporting.sales.",
                    "Add UNIQUE constraint sale_tags_sale_id_tag_key on reporting.sale_tags (sale_id, tag).",
                    "Create index sales_amount_idx on reporting.sales (amount).",
                    "Add foreign key sale_tags_sale_id_fkey on reporting.sale_tags (sale_id) -> reporting.sales (id), ON DELETE NO ACTION.",
                    "Add foreign key sales_person_id_fkey on reporting.sales (person_id) -> people (id), ON DELETE NO ACTION."));
}
