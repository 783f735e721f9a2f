package io.sark.migrate.engine.changelog;

import java.util.List;

/**
 * One revision of the changelog: the changesets up to and including the one that tags the database with {@link #id()},
 * or, in a changelog written without tags, the changesets of one file.
 *
 * @param id         the revision id: its Liquibase tag (for example {@code 003_policies}), or its file's name
 * @param file       the changelog file that holds it, relative to the changelog root
 * @param changeSets its changesets, in changelog order, the tag changeset last
 * @param tagged     whether its last changeset tags the database with its id
 */
public record Revision(String id, String file, List<ChangeSetRef> changeSets, boolean tagged) {

    public Revision {
        changeSets = List.copyOf(changeSets);
    }

    /** A revision that ends with its tag. */
    public Revision(String id, String file, List<ChangeSetRef> changeSets) {
        this(id, file, changeSets, true);
    }

    /** The file's name without folder and extension ({@code 003_policies} for {@code db/changelog/003_policies.yaml}). */
    public String fileStem() {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * A changeset as Liquibase identifies it.
     *
     * @param id      its id
     * @param author  its author
     * @param file    its (logical) file path
     * @param comment  what it does
     * @param contexts the Liquibase contexts it is bound to, as written, or null for none (it runs whatever is given)
     * @param labels   its Liquibase labels, as written, or null
     */
    public record ChangeSetRef(String id, String author, String file, String comment, String contexts, String labels) {

        public ChangeSetRef(String id, String author, String file, String comment) {
            this(id, author, file, comment, null, null);
        }
    }
}
