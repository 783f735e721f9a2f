package io.sark.migrate.engine;

import java.util.List;

/**
 * One revision of the changelog: the changesets up to and including the one that tags the database with {@link #id()}.
 *
 * @param id           the revision id, which is also its Liquibase tag (for example {@code 003_policies})
 * @param changeSetIds the ids of its changesets, in changelog order, the tag changeset last
 */
public record Revision(String id, List<String> changeSetIds) {

    public Revision {
        changeSetIds = List.copyOf(changeSetIds);
    }
}
