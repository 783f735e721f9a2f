package io.sark.migrate.engine;

import liquibase.change.Change;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.LiquibaseException;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the changelog is read from: the copy built into sark-migrate, or a folder of sources (so that a revision
 * just written is seen without a rebuild). Either way the master file is {@value #MASTER} under the root, and every
 * revision file is named by the same relative path, so the history table records the same identity for both.
 */
public final class Changelog {

    /** The master changelog, relative to the root. */
    public static final String MASTER = "db/changelog/db.changelog-master.yaml";

    /** Where the sources sit in this project, relative to the repository root. */
    public static final Path SOURCE_ROOT_IN_PROJECT = Path.of("migrations", "src", "main", "resources");

    private final ResourceAccessor resources;
    private final Path sourceRoot;
    private Revisions revisions;
    private List<ChangeSet> changeSets;
    private Map<ChangeSetKey, String> revisionOf;

    private Changelog(ResourceAccessor resources, Path sourceRoot) {
        this.resources = resources;
        this.sourceRoot = sourceRoot;
    }

    /** The changelog built into this program (on its classpath). */
    public static Changelog bundled() {
        return new Changelog(new ClassLoaderResourceAccessor(Changelog.class.getClassLoader()), null);
    }

    /** The changelog whose master file is {@code root/}{@value #MASTER}. */
    public static Changelog inDirectory(Path root) {
        Path master = root.resolve(MASTER);
        if (!Files.isRegularFile(master)) {
            throw new ChangelogException("No changelog at " + master + ": the folder given must contain " + MASTER + ".");
        }
        try {
            return new Changelog(new DirectoryResourceAccessor(root.toAbsolutePath()), root);
        } catch (FileNotFoundException e) {
            throw new ChangelogException("Cannot read the changelog folder " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The sources under {@code workingDirectory} when it is this project's checkout, else the bundled changelog:
     * developers see their edits at once, deployments use what was built.
     */
    public static Changelog sourcesOrBundled(Path workingDirectory) {
        Path root = workingDirectory.resolve(SOURCE_ROOT_IN_PROJECT);
        return Files.isRegularFile(root.resolve(MASTER)) ? inDirectory(root) : bundled();
    }

    /** The folder of sources, or empty for the bundled changelog (which cannot be written to). */
    public Optional<Path> sourceRoot() {
        return Optional.ofNullable(sourceRoot);
    }

    /** Where the master file is, for messages. */
    public String describe() {
        return sourceRoot == null ? "the changelog built into sark-migrate (" + MASTER + ")" : sourceRoot.resolve(MASTER).toString();
    }

    ResourceAccessor resources() {
        return resources;
    }

    /** Its revisions, in order (read once). Refuses a changelog that cannot be parsed or breaks sark-migrate's rules. */
    public synchronized Revisions revisions() {
        if (revisions == null) {
            DatabaseChangeLog parsed = parse();
            revisions = new Revisions(readRevisions(parsed));
            changeSets = List.copyOf(parsed.getChangeSets());
        }
        return revisions;
    }

    /** Every changeset, in changelog order. */
    public synchronized List<ChangeSet> changeSets() {
        revisions();
        return changeSets;
    }

    /** The id of the revision {@code changeSet} belongs to, or {@code "?"} for one outside every revision. */
    public synchronized String revisionOf(ChangeSet changeSet) {
        if (revisionOf == null) {
            revisionOf = new HashMap<>();
            for (Revision revision : revisions().all()) {
                revision.changeSets().forEach(cs -> revisionOf.put(ChangeSetKey.of(cs), revision.id()));
            }
        }
        return revisionOf.getOrDefault(ChangeSetKey.of(changeSet), "?");
    }

    private DatabaseChangeLog parse() {
        try {
            return ChangeLogParserFactory.getInstance().getParser(MASTER, resources)
                    .parse(MASTER, new ChangeLogParameters(), resources);
        } catch (LiquibaseException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String reason = root.getMessage() == null ? root.toString() : root.getMessage();
            throw new ChangelogException("The changelog (" + describe() + ") cannot be read: "
                    + reason.strip().replaceAll("\\s*\\R\\s*", " "), e);
        }
    }

    /** What {@code changeSet} is bound to, in words ("context faker", "labels slow", both), or null when it always runs. */
    public static String boundTo(ChangeSet changeSet) {
        String contexts = written(changeSet.getContextFilter());
        String labels = written(changeSet.getLabels());
        if (contexts == null && labels == null) {
            return null;
        }
        return contexts == null ? "labels " + labels : labels == null ? "context " + contexts : "context " + contexts + ", labels " + labels;
    }

    /** A context or label expression as the changeset writes it, or null for none. */
    private static String written(Object expression) {
        String text = expression == null ? "" : expression.toString().strip();
        return text.isEmpty() || text.equals("()") ? null : text;
    }

    private static List<Revision> readRevisions(DatabaseChangeLog changelog) {
        List<Revision> result = new ArrayList<>();
        List<Revision.ChangeSetRef> pending = new ArrayList<>();
        java.util.Map<String, String> fileOfId = new java.util.HashMap<>();
        for (ChangeSet changeSet : changelog.getChangeSets()) {
            String first = fileOfId.putIfAbsent(changeSet.getId(), changeSet.getFilePath());
            if (first != null) {
                throw new ChangelogException("Changeset id " + changeSet.getId() + " is used twice (in " + first
                        + (first.equals(changeSet.getFilePath()) ? ", twice" : " and " + changeSet.getFilePath())
                        + "): sark-migrate names changesets by id, so give each its own.");
            }
            pending.add(new Revision.ChangeSetRef(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath(),
                    changeSet.getComments(), written(changeSet.getContextFilter()), written(changeSet.getLabels())));
            for (Change change : changeSet.getChanges()) {
                if (change instanceof TagDatabaseChange tag) {
                    if (Revisions.BASE.equals(tag.getTag()) || Revisions.HEAD.equals(tag.getTag()) || tag.getTag().matches("[+-]\\d+")) {
                        throw new ChangelogException("Changeset " + changeSet.getId() + " tags the database '" + tag.getTag()
                                + "', a name sark-migrate reserves; give the revision another id.");
                    }
                    String fileName = Path.of(changeSet.getFilePath()).getFileName().toString().replaceFirst("\\.[^.]+$", "");
                    if (!fileName.equals(tag.getTag()) && fileName.matches("\\d{3}_.*")) {
                        throw new ChangelogException("Revision file " + changeSet.getFilePath() + " ends with the tag " + tag.getTag()
                                + " (changeset " + changeSet.getId() + "): a revision's file and tag carry the same id, so the chain of"
                                + " revisions can be followed. Rename one of them.");
                    }
                    for (Revision earlier : result) {
                        if (earlier.id().equals(tag.getTag())) {
                            throw new ChangelogException("Revision " + tag.getTag() + " is tagged twice (in " + earlier.file() + " and "
                                    + changeSet.getFilePath() + "): each revision must have its own id.");
                        }
                    }
                    result.add(new Revision(tag.getTag(), changeSet.getFilePath(), pending));
                    pending = new ArrayList<>();
                }
            }
        }
        if (!pending.isEmpty()) {
            throw new ChangelogException("The changelog ends with changesets that belong to no revision ("
                    + String.join(", ", pending.stream().map(Revision.ChangeSetRef::id).toList())
                    + "): every revision must end with a tagDatabase changeset of its id.");
        }
        return List.copyOf(result);
    }
}
