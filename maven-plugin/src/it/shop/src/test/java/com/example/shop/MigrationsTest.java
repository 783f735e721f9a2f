package com.example.shop;

import io.sark.migrate.gate.MigrationGate;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void everyEntityChangeHasItsMigration() {
        MigrationGate.entities(Customer.class, PurchaseOrder.class)
                .changelogOnClasspath("db/changelog/db.changelog-master.yaml")
                .assertNoPendingChanges();
    }
}
