package io.sark.migrate.engine;

import io.sark.migrate.engine.changelog.Position;
import io.sark.migrate.engine.changelog.Revision;
import io.sark.migrate.engine.changelog.Revisions;
import io.sark.migrate.engine.changelog.UnknownRevisionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevisionsTest {

    private static final Revisions SARK = new Revisions(List.of(
            revision("001_initial"), revision("002_api_keys"), revision("003_policies"), revision("004_audit_events")));

    private static Revision revision(String id) {
        return new Revision(id, "db/changelog/" + id + ".yaml", List.of(new Revision.ChangeSetRef(id + "-tag", "sark", "f", "c")));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "002_api_keys,              002_api_keys",
            "002_api_keys.yaml,         002_api_keys",
            "002_add_api_keys,          002_api_keys",
            "002_add_api_keys.py,       002_api_keys",
            "001_initial_schema,        001_initial",
            "004_add_audit_events,      004_audit_events",
    })
    void resolvesIdsAndFileNames(String name, String id) {
        assertThat(SARK.resolve(name).id()).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "003_policy          | Did you mean 003_policies?",
            "002_add_policies    | Did you mean 003_policies or 002_api_keys?",
            "something_else      | Known revisions: 001_initial, 002_api_keys, 003_policies, 004_audit_events.",
            "005_add_api_keys    | Did you mean 002_api_keys?",
    })
    void refusesOtherNamesWithTheClosestIds(String name, String hint) {
        assertThatThrownBy(() -> SARK.resolve(name))
                .isInstanceOf(UnknownRevisionException.class)
                .hasMessage("unknown revision '" + name + "'. " + hint);
    }

    @ParameterizedTest(name = "upgrade {0} from index {1} -> {2}")
    @CsvSource({
            "head,          -1, 004_audit_events",
            "+1,            -1, 001_initial",
            "+2,             1, 004_audit_events",
            "003_policies,   0, 003_policies",
            "003_policies,   2, 003_policies",
    })
    void upgradeTargets(String target, int current, String expected) {
        assertThat(SARK.upgradeTarget(target, current)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "downgrade {0} from index {1} -> {2}")
    @CsvSource({
            "base,          3, base",
            "-1,            3, 003_policies",
            "-4,            3, base",
            "001_initial,   2, 001_initial",
    })
    void downgradeTargets(String target, int current, String expected) {
        assertThat(SARK.downgradeTarget(target, current)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} from index {1}")
    @CsvSource(delimiter = '|', value = {
            "up   | +5           | 1 | cannot upgrade +5: the database is at revision 002_api_keys and only 2 revision(s) are pending.",
            "up   | +99999999999 | 1 | cannot upgrade +99999999999: the database is at revision 002_api_keys and only 2 revision(s) are pending.",
            "up   | +99999999999999999999999 | 1 | cannot upgrade +99999999999999999999999: the database is at revision 002_api_keys and only 2 revision(s) are pending.",
            "up   | 001_initial  | 2 | the database is at revision 003_policies, past 001_initial: use 'downgrade 001_initial' to go back to it.",
            "down | -3           | 1 | cannot downgrade -3: the database is at revision 002_api_keys, 2 revision(s) above base; that would go below base.",
            "down | -99999999999 | 1 | cannot downgrade -99999999999: the database is at revision 002_api_keys, 2 revision(s) above base; that would go below base.",
            "down | 004_audit_events | 1 | the database is at revision 002_api_keys, before 004_audit_events: use 'upgrade 004_audit_events' to go forward to it.",
    })
    void refusesTargetsThatCannotBeReached(String direction, String target, int current, String message) {
        assertThatThrownBy(() -> {
            if (direction.equals("up")) {
                SARK.upgradeTarget(target, current);
            } else {
                SARK.downgradeTarget(target, current);
            }
        }).isInstanceOf(UnknownRevisionException.class).hasMessage(message);
    }

    /** Part-way through 003 (2 of 5 applied) after 002: relative steps count the unfinished revision as the one to move. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "up,   +1,           003_policies",
            "up,   +2,           004_audit_events",
            "up,   002_api_keys, 002_api_keys",
            "down, -1,           002_api_keys",
            "down, -2,           001_initial",
            "down, 002_api_keys, 002_api_keys",
    })
    void fromPartWayThroughARevision(String direction, String target, String expected) {
        Position partway = new Position("002_api_keys", 1, new Position.Partial("003_policies", 2, 2, 5));
        assertThat(direction.equals("up") ? SARK.upgradeTarget(target, partway) : SARK.downgradeTarget(target, partway)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aTargetBeyondAPartWayRevisionSaysWhereTheDatabaseIs() {
        Position partway = new Position("002_api_keys", 1, new Position.Partial("003_policies", 2, 2, 5));
        assertThatThrownBy(() -> SARK.downgradeTarget("004_audit_events", partway)).isInstanceOf(UnknownRevisionException.class)
                .hasMessage("the database is part-way through 003_policies (2 of 5 changesets applied; the last complete revision is"
                        + " 002_api_keys), before 004_audit_events: use 'upgrade 004_audit_events' to go forward to it.");
    }
}
