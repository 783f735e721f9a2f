package io.sark.migrate.scenarios;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** UNIQUE constraints and unique indexes kept apart, composite indexes, composite primary keys. */
final class Keys {

    private Keys() {
    }

    @Entity(name = "Sku") @Table(name = "skus")
    static class Plain {
        @Id UUID id;
        @Column(name = "code", length = 20, nullable = false) String code;
        @Column(name = "region", length = 10) String region;
    }

    @Entity(name = "Sku")
    @Table(name = "skus",
            uniqueConstraints = @UniqueConstraint(name = "skus_code_key", columnNames = "code"),
            indexes = @Index(name = "ix_skus_code", columnList = "code", unique = true))
    static class BothUniques {
        @Id UUID id;
        @Column(name = "code", length = 20, nullable = false) String code;
        @Column(name = "region", length = 10) String region;
    }

    @Entity(name = "Sku")
    @Table(name = "skus", indexes = @Index(name = "ix_skus_region_code", columnList = "region, code"))
    static class CompositeIndex {
        @Id UUID id;
        @Column(name = "code", length = 20, nullable = false) String code;
        @Column(name = "region", length = 10) String region;
    }

    @Embeddable
    static class StockKey implements Serializable {
        @Column(name = "warehouse", length = 10, nullable = false) String warehouse;
        @Column(name = "sku_id", nullable = false) UUID skuId;

        @Override public boolean equals(Object o) {
            return o instanceof StockKey k && Objects.equals(warehouse, k.warehouse) && Objects.equals(skuId, k.skuId);
        }
        @Override public int hashCode() { return Objects.hash(warehouse, skuId); }
    }

    @Entity(name = "Stock") @Table(name = "stock")
    static class Stock {
        @EmbeddedId StockKey key;
        @Column(name = "quantity", nullable = false) int quantity;
    }

    record Case(String name, List<Class<?>> from, List<Class<?>> to, List<String> expected) implements Scenario {
        public List<Class<?>> before() { return from; }
        public List<Class<?>> after() { return to; }
        public List<String> expectedChanges() { return expected; }
        @Override public String toString() { return name; }
    }

    static final List<Scenario> ALL = List.of(
            new Case("UNIQUE constraint and unique index on one column", List.of(Plain.class), List.of(BothUniques.class), List.of(
                    "Add UNIQUE constraint skus_code_key on skus (code).",
                    "Create unique index ix_skus_code on skus (code).")),
            new Case("UNIQUE constraint and unique index dropped", List.of(BothUniques.class), List.of(Plain.class), List.of(
                    "Drop UNIQUE constraint skus_code_key on skus.",
                    "Drop index ix_skus_code on skus.")),
            new Case("composite index", List.of(Plain.class), List.of(CompositeIndex.class),
                    List.of("Create index ix_skus_region_code on skus (region, code).")),
            new Case("composite primary key", List.of(Plain.class), List.of(Plain.class, Stock.class),
                    List.of("Create table stock.")));
}
