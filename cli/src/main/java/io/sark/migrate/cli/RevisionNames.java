package io.sark.migrate.cli;

import io.sark.migrate.engine.Revision;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks a revision named on the command line, and suggests the right id for a near miss. */
final class RevisionNames {

    private RevisionNames() {
    }

    /**
     * Throws a usage error unless {@code name} is one of {@code revisions} or one of the {@code specialNames}.
     * SARK's old guide named revisions by file ({@code 002_add_api_keys}); the id is {@code 002_api_keys}, and the
     * message says so.
     */
    static void requireKnown(String name, List<Revision> revisions, String... specialNames) {
        List<String> known = new ArrayList<>(List.of(specialNames));
        revisions.forEach(r -> known.add(r.id()));
        if (known.contains(name)) {
            return;
        }
        String message = "unknown revision '" + name + "'. Known revisions: " + String.join(", ", known) + ".";
        Optional<String> suggestion = sameNumber(name, revisions);
        if (suggestion.isPresent()) {
            message += " Revisions are named by id, not by file name: did you mean " + suggestion.get() + "?";
        }
        throw new UsageException(message);
    }

    private static Optional<String> sameNumber(String name, List<Revision> revisions) {
        int underscore = name.indexOf('_');
        if (underscore <= 0) {
            return Optional.empty();
        }
        String number = name.substring(0, underscore + 1);
        return revisions.stream().map(Revision::id).filter(id -> id.startsWith(number)).findFirst();
    }
}
