package io.sark.migrate.engine.lock;

import io.sark.migrate.engine.lock.FillProgress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FillProgressTest {

    @Test
    void aFillsProgressIsToldWithItsRateAndTimeLeft() {
        assertThat(FillProgress.describe("sark-fill 40/160 12000 3 items.size"))
                .hasValue("sark-migrate: filling items.size: 25% of its pages, 12,000 rows in 3 s (4,000 rows/s), about 9 s left");
        assertThat(FillProgress.describe("sark-fill 0/160 0 0 items.size")).hasValue("sark-migrate: filling items.size: 0% of its pages,"
                + " 0 rows in 0 s (0 rows/s)");
    }

    @Test
    void anotherApplicationNameIsNoProgress() {
        assertThat(FillProgress.describe("sark-migrate")).isEmpty();
        assertThat(FillProgress.describe(null)).isEmpty();
        assertThat(FillProgress.describe("sark-fill of something else")).isEmpty();
    }
}
