package io.sark.migrate.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** What changesets tell the user reaches them once per command. */
class NoticesTest {

    @Test
    void aNoticeRaisedAgainInTheSameCommandIsShownOnce() {
        // validate applies the changelog, rolls it back and applies it again: each TimescaleDB notice came twice or more.
        StringWriter err = new StringWriter();
        Notices notices = new Notices(new PrintWriter(err));

        notices.message("sark-migrate: TimescaleDB is not installed; no compression for audit_events");
        notices.message("some log line that is not a notice");
        notices.message("sark-migrate: TimescaleDB is not installed; no compression for audit_events");
        notices.message("sark-migrate: TimescaleDB is not installed; audit_events stays a plain table");

        assertThat(err.toString().lines()).containsExactly(
                "notice: TimescaleDB is not installed; no compression for audit_events",
                "notice: TimescaleDB is not installed; audit_events stays a plain table");
        assertThat(notices.seen()).hasSize(2);
    }
}
