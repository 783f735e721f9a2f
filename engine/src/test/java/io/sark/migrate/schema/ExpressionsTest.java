package io.sark.migrate.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A check read back as the entities declared it, where PostgreSQL's printing of it is known; else as printed. */
class ExpressionsTest {

    @Test
    void anEnumsCheckReadsAsHibernateWroteIt() {
        assertThat(Expressions.asDeclared("level::text = ANY (ARRAY['LOW'::character varying::text, 'HIGH'::character varying::text])"))
                .isEqualTo("level IN ('LOW', 'HIGH')");
        assertThat(Expressions.asDeclared("level::text = ANY (ARRAY['LOW'::character varying, 'HIGH'::character varying]::text[])"))
                .as("the same rule, as PostgreSQL prints the IN list once applied").isEqualTo("level IN ('LOW', 'HIGH')");
        assertThat(Expressions.asDeclared("active = ANY (ARRAY['N'::bpchar, 'Y'::bpchar])")).isEqualTo("active IN ('N', 'Y')");
        assertThat(Expressions.asDeclared("\"order\"::text = ANY (ARRAY['it''s'::text, 'a, b'::text])")).isEqualTo("\"order\" IN ('it''s', 'a, b')");
    }

    @Test
    void anythingElseIsLeftAsPostgresPrintsIt() {
        for (String printed : new String[]{"level >= 0 AND level <= 3", "x = ANY (ARRAY[1, 2])", "x::text = ANY (ARRAY['a'::character varying::text, y])",
                "lower(x) = ANY (ARRAY['a'::text])", "x = ANY (ARRAY['a'::text]) OR y IS NULL"}) {
            assertThat(Expressions.asDeclared(printed)).as(printed).isEqualTo(printed);
        }
    }
}
