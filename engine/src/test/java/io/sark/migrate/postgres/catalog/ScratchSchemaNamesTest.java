package io.sark.migrate.postgres.catalog;

import io.sark.migrate.postgres.catalog.ScratchSchema;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Hibernate's DDL for entities in other schemas, pointed at the scratch schemas that stand for them. */
class ScratchSchemaNamesTest {

    private static final Map<String, String> OTHERS = Map.of("reporting", "scratch_0", "Odd Name", "scratch_1");

    @Test
    void aSchemaBeforeADotIsReplacedAndNothingElse() {
        assertThat(ScratchSchema.inSchemas("create table reporting.sales (id bigint, reporting text)", OTHERS))
                .isEqualTo("create table scratch_0.sales (id bigint, reporting text)");
        assertThat(ScratchSchema.inSchemas("alter table if exists Reporting.lines add constraint fk foreign key (sale_id) references \"reporting\".sales", OTHERS))
                .isEqualTo("alter table if exists scratch_0.lines add constraint fk foreign key (sale_id) references scratch_0.sales");
        assertThat(ScratchSchema.inSchemas("comment on column reporting.sales.amount is 'see reporting.sales, it''s reporting.x'", OTHERS))
                .isEqualTo("comment on column scratch_0.sales.amount is 'see reporting.sales, it''s reporting.x'");
        assertThat(ScratchSchema.inSchemas("create table \"Odd Name\".t (x int) -- reporting.t", OTHERS))
                .isEqualTo("create table scratch_1.t (x int) -- reporting.t");
        assertThat(ScratchSchema.inSchemas("create table public.reporting (x int); create index i on elsewhere.reporting.t (x)", OTHERS))
                .as("a name after a dot is a table or column, not a schema").isEqualTo("create table public.reporting (x int); create index i on elsewhere.reporting.t (x)");
    }
}
