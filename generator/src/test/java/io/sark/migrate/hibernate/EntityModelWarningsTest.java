package io.sark.migrate.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What works but not as a reader would guess is said as a warning: @Lob as oid, names PostgreSQL shortens. */
class EntityModelWarningsTest {

    @Entity(name = "Attachment") @Table(name = "attachments")
    static class Attachment {
        @Id UUID id;
        @Lob @Column(name = "content") byte[] content;
        @Lob @Column(name = "notes") String notes;
        @Column(name = "body", columnDefinition = "text") String body;
        @Column(name = "name_of_the_unit_as_printed_on_the_official_letterhead_of_the_federation") String longName;
    }

    @Test
    void lobsThatBecameOidAndNamesPostgreSqlShortensAreWarnedOf() {
        List<String> warnings = EntityModel.read(List.of(Attachment.class)).warnings();

        assertThat(warnings).containsExactlyInAnyOrder(
                "PostgreSQL keeps the first 63 bytes of name_of_the_unit_as_printed_on_the_official_letterhead_of_the_federation (in table"
                        + " attachments): it is name_of_the_unit_as_printed_on_the_official_letterhead_of_the_f in the database, and"
                        + " Hibernate's validate, which looks for the whole name, will not find it. Shorten it in the entity.",
                "Column attachments.content (@Lob) is an oid: a large object that is not deleted with its row. For text map it as text"
                        + " (@JdbcTypeCode(SqlTypes.LONG32VARCHAR)); for bytes as bytea (@JdbcTypeCode(SqlTypes.VARBINARY)).",
                "Column attachments.notes (@Lob) is an oid: a large object that is not deleted with its row. For text map it as text"
                        + " (@JdbcTypeCode(SqlTypes.LONG32VARCHAR)); for bytes as bytea (@JdbcTypeCode(SqlTypes.VARBINARY)).");
    }
}
