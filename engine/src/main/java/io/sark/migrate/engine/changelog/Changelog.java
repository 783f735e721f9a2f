package io.sark.migrate.engine.changelog;

import io.sark.migrate.diagnostics.Timings;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.core.SQLFileChange;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.DatabaseList;
import liquibase.exception.LiquibaseException;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the changelog is read from: the copy built into sark-migrate, or a folder of sources (so that a revision
 * just written is seen without a rebuild). sark-migrate's own master is {@value #MASTER} under the root; another
 * project's master may be any Liquibase changelog (XML, YAML, JSON or formatted SQL) at any path under its root. Every
 * file is named by its path relative to the root, as the project's own Liquibase named it on its classpath, so the
 * history table records the same identity.
 *
 * <p>A revision is a run of changesets that ends with a {@code tagDatabase} of its id (how sark-migrate writes them),
 * or, in a changelog written without such tags, the changesets of one file: the revision is named by the file
 * ({@code jpa-changelog-1.2.0.Final} for {@code META-INF/jpa-changelog-1.2.0.Final.xml}) and is applied when its
 * changesets are. Changesets for another database ({@code dbms: oracle}) never run here and belong to no revision.
 */
public final class Changelog {

    /** The master changelog, relative to the root. */
    public static final String MASTER = "db/changelog/db.changelog-master.yaml";

    /** Where the sources sit in this project, relative to the repository root. */
    public static final Path SOURCE_ROOT_IN_PROJECT = Path.of("migrations", "src", "main", "resources");

    private final ResourceAccessor resources;
    private final Path sourceRoot;
    private final String master;
    private Revisions revisions;
    /** Each changeset's checksum and whether any reruns, when the revisions came from the index; else null. */
    private ChangelogIndex.Indexed indexed;
    private List<ChangeSet> changeSets;
    /** The whole parse, for Liquibase's commands to run on; null when it may not be the parse they would make. */
    private DatabaseChangeLog parsedForCommands;
    private List<ChangeSetSummary> summaries;
    private ChangelogDeclarations declarations;
    private Map<ChangeSetKey, String> revisionOf;
    /** The digest of the index this run read or wrote ({@link ChangelogIndex.Indexed#digest}); null without one. */
    private String indexDigest;

    /** Where it is read from, for its index: its folder, or the master's URL on the classpath. */
    private final String origin;

    private Changelog(ResourceAccessor resources, Path sourceRoot, String master, String origin) {
        this.resources = resources;
        this.sourceRoot = sourceRoot;
        this.master = master;
        this.origin = origin;
    }

    /** The changelog built into this program (on its classpath). */
    public static Changelog bundled() {
        return onClasspath(Changelog.class.getClassLoader(), MASTER);
    }

    /** The changelog whose master is the resource {@code master} of {@code loader} (read-only: no revision is written to it). */
    public static Changelog onClasspath(ClassLoader loader, String master) {
        return new Changelog(new ClassLoaderResourceAccessor(loader), null, master, "classpath:" + loader.getResource(master));
    }

    /** The changelog whose master file is {@code root/}{@value #MASTER}. */
    public static Changelog inDirectory(Path root) {
        if (!Files.isRegularFile(root.resolve(MASTER))) {
            throw new ChangelogException("No changelog at " + root.resolve(MASTER) + ": the folder given must contain " + MASTER
                    + ", or name the master with --changelog FILE.");
        }
        return at(root, MASTER);
    }

    /**
     * The changelog whose master is {@code master} (a path relative to {@code root}, in any format Liquibase reads):
     * every file is identified by its path under {@code root}, as Liquibase finds it on a search path or classpath.
     */
    public static Changelog at(Path root, String master) {
        String relative = master.replace('\\', '/');
        if (!Files.isRegularFile(root.resolve(relative))) {
            throw new ChangelogException("No changelog at " + root.resolve(relative) + ": give the master file's path, relative to "
                    + root + " (the folder its includes are relative to).");
        }
        try {
            return new Changelog(new DirectoryResourceAccessor(root.toAbsolutePath()), root, relative,
                    root.toAbsolutePath().normalize().toString());
        } catch (FileNotFoundException e) {
            throw new ChangelogException("Cannot read the changelog folder " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The changelog whose master is {@code file}, with {@code root} as the folder its paths are relative to; without a
     * root, the nearest enclosing {@code resources} folder (where a Maven or Gradle project's Liquibase finds its
     * changelog on the classpath, so that the paths its history recorded match), else the file's own folder.
     */
    public static Changelog ofFile(Path file, Path root) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new ChangelogException("No changelog at " + file + ": give the path of the master changelog file.");
        }
        Path folder = root != null ? root.toAbsolutePath().normalize() : resourcesFolderOf(absolute);
        if (!absolute.startsWith(folder)) {
            throw new ChangelogException("The changelog " + file + " is not under the changelog root " + root
                    + ": the root is the folder its paths are relative to, so it must hold the master.");
        }
        return at(folder, folder.relativize(absolute).toString());
    }

    private static Path resourcesFolderOf(Path file) {
        for (Path folder = file.getParent(); folder != null; folder = folder.getParent()) {
            if (folder.getFileName() != null && folder.getFileName().toString().equals("resources")) {
                return folder;
            }
        }
        return file.getParent();
    }

    /** The master's path, relative to the root: what Liquibase is given as the changelog file. */
    public String master() {
        return master;
    }

    /** The checkout of this project that holds {@code workingDirectory}: the nearest folder, it or above, with the changelog's sources. */
    public static Optional<Path> projectRoot(Path workingDirectory) {
        for (Path folder = workingDirectory.toAbsolutePath().normalize(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve(SOURCE_ROOT_IN_PROJECT).resolve(MASTER))) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }

    /** The folder of sources, or empty for the bundled changelog (which cannot be written to). */
    public Optional<Path> sourceRoot() {
        return Optional.ofNullable(sourceRoot);
    }

    /** Where the master file is, for messages. */
    public String describe() {
        return sourceRoot == null ? "the changelog built into sark-migrate (" + master + ")" : sourceRoot.resolve(master).toString();
    }

    public ResourceAccessor resources() {
        return resources;
    }

    /** Its revisions, in order (read once). Refuses a changelog that cannot be parsed or breaks sark-migrate's rules. */
    public synchronized Revisions revisions() {
        if (revisions == null) {
            try (var t = Timings.phase("read the changelog's index")) {
                indexed = ChangelogIndex.read(identity(), resources).orElse(null);
                revisions = indexed == null ? null : indexed.revisions();
                indexDigest = indexed == null ? null : indexed.digest();
            }
            if (revisions == null) {
                parseWhole();
            }
        }
        return revisions;
    }

    /** Every changeset that runs on PostgreSQL, in changelog order. */
    public synchronized List<ChangeSet> changeSets() {
        if (changeSets == null) {
            parseWhole();
        }
        return changeSets;
    }

    /**
     * Parses the changelog (recording what it reads), takes its revisions and changesets, and indexes them for the
     * next run ({@link ChangelogIndex}).
     */
    private void parseWhole() {
        boolean indexUpToDate = indexed != null; // read and found true a moment ago: nothing to write
        ChangelogIndex.Recording recording = new ChangelogIndex.Recording(resources);
        DatabaseChangeLog parsed;
        try (var t = Timings.phase("parse the changelog")) {
            parsed = parse(recording);
        }
        revisions = new Revisions(readRevisions(parsed));
        revisionOf = null;
        // An index found true a moment ago was made from these same files by this same build: its checksums stand.
        summaries = indexUpToDate ? indexed.summaries() : null;
        declarations = indexUpToDate ? indexed.declarations() : null;
        indexed = null;
        changeSets = parsed.getChangeSets().stream().filter(Changelog::runsOnPostgres).toList();
        parsedForCommands = recording.parameters || changeSets.stream().flatMap(c -> c.getChanges().stream())
                .anyMatch(SQLFileChange.class::isInstance) ? null : parsed;
        if (!indexUpToDate) {
            try {
                indexDigest = ChangelogIndex.write(identity(), recording, revisions, summaries(), declarations());
            } catch (RuntimeException e) {
                // a checksum that cannot be taken now (Liquibase refuses a change): no index, and the command says why later
            }
        }
    }

    /**
     * This run's parse, for Liquibase's update and rollback commands to run on instead of reading every file again (that
     * second parse was a fifth of an upgrade's time). Empty before a parse, and where Liquibase's own parse could
     * differ: it gives the parser the database's parameters ({@code ${database.defaultSchemaName}} and the like) where
     * this one has none, so a file with a {@code ${...}} in it, or an sqlFile whose text is read and expanded when it
     * runs, leaves the parsing to Liquibase.
     */
    public synchronized Optional<DatabaseChangeLog> parsedForCommands() {
        return Optional.ofNullable(parsedForCommands);
    }

    /**
     * What names this reading of the changelog, by this build, of these files: its index's digest. What is derived from
     * the changelog and kept between runs (the changesets' SQL) is kept under it, so that an edit, a new file or
     * another build never finds it. Empty when the changelog has no index (it uses {@code ${...}} parameters, or no
     * index could be written).
     */
    public synchronized Optional<String> indexDigest() {
        revisions();
        return Optional.ofNullable(indexDigest);
    }

    /** The folder of this user's own that changelog indexes, and what is kept beside them, live in; empty when there is none. */
    public static Optional<Path> cacheFolder() {
        return Optional.ofNullable(ChangelogIndex.folder());
    }

    /** Whether this instance has parsed the changelog (its revisions may come from the index without it). */
    public synchronized boolean parsed() {
        return changeSets != null;
    }

    /**
     * The checksum of each changeset as Liquibase would record it, when this run read the revisions from the index and
     * no changeset reruns by itself (runAlways, runOnChange); empty otherwise (then only Liquibase can tell whether an
     * upgrade has anything to do).
     */
    public synchronized Optional<Map<ChangeSetKey, String>> indexedChecksums() {
        revisions();
        if (indexed == null || changeSets != null || indexed.summaries().stream().anyMatch(ChangeSetSummary::reruns)) {
            return Optional.empty();
        }
        Map<ChangeSetKey, String> checksums = new HashMap<>();
        indexed.summaries().forEach(c -> checksums.put(c.key(), c.checksum()));
        return Optional.of(checksums);
    }

    /** What the shadow cache keys a replay by, for every changeset that runs on PostgreSQL, in order: from the index when it is true. */
    public synchronized List<ChangeSetSummary> summaries() {
        revisions();
        if (indexed != null) {
            return indexed.summaries();
        }
        if (summaries == null) {
            List<ChangeSet> all = changeSets();
            // A change's checksum may read a file (loadData's CSV): through the changelog's own search path.
            try {
                summaries = Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), resources),
                        () -> all.stream().map(ChangeSetSummary::of).toList());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ChangelogException("Could not take the checksums of " + describe() + ": " + e.getMessage(), e);
            }
        }
        return summaries;
    }

    /** The names and hypertable settings the changelog declares (from the index when it is true, else parsed). */
    public synchronized ChangelogDeclarations declarations() {
        revisions();
        if (indexed != null) {
            return indexed.declarations();
        }
        if (declarations == null) {
            declarations = ChangelogDeclarations.of(changeSets());
        }
        return declarations;
    }

    /** What tells this changelog from others in the index: where it is read from, and its master. */
    private String identity() {
        return origin + "|" + master;
    }

    /** The id of the revision {@code changeSet} belongs to, or {@code "?"} for one outside every revision. */
    public synchronized String revisionOf(ChangeSet changeSet) {
        return revisionOf(ChangeSetKey.of(changeSet));
    }

    public synchronized String revisionOf(ChangeSetKey changeSet) {
        if (revisionOf == null) {
            revisionOf = new HashMap<>();
            for (Revision revision : revisions().all()) {
                revision.changeSets().forEach(cs -> revisionOf.put(ChangeSetKey.of(cs), revision.id()));
            }
        }
        return revisionOf.getOrDefault(changeSet, "?");
    }

    private DatabaseChangeLog parse(ResourceAccessor resources) {
        try {
            return ChangeLogParserFactory.getInstance().getParser(master, resources)
                    .parse(master, new ChangeLogParameters(), resources);
        } catch (StackOverflowError e) {
            // Liquibase follows includes without remembering where it has been.
            throw new ChangelogException("The changelog (" + describe() + ") cannot be read: its includes form a cycle (a file"
                    + " includes itself, directly or through others). Check its include and includeAll entries.");
        } catch (LiquibaseException | RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String reason = root.getMessage() == null ? root.toString() : root.getMessage();
            if (root instanceof CharacterCodingException coding) {
                String why = coding.getClass().getSimpleName() + ": " + coding.getMessage();
                reason = notUtf8().map(file -> file + " is not UTF-8 text (" + why + "); save it as UTF-8").orElse("a file it includes is not UTF-8 text (" + reason + "); save it as UTF-8");
            }
            // The file that is broken is the file named, with its own line numbers (Liquibase names it in its messages).
            String broken = brokenFile(e).filter(file -> !file.equals(master)).orElse(null);
            String where = broken == null ? describe() : sourceRoot == null ? broken : sourceRoot.resolve(broken).toString();
            if (broken != null && sourceRoot != null && hasConflictMarkers(sourceRoot.resolve(broken))) {
                reason = "it holds a merge's conflict markers (<<<<<<<, =======, >>>>>>>): finish the merge (the parser: " + reason + ")";
            }
            throw new ChangelogException("The changelog (" + where + ") cannot be read: "
                    + inOurWords(reason.replaceAll("\\s*in 'reader',\\s*", " at ").strip().replaceAll("\\s*\\R\\s*", " ")), e);
        }
    }

    private static final Pattern NOT_IN_SEARCH_PATH = Pattern.compile("The file (\\S+) was not found in the configured search path.*");
    private static final Pattern CIRCULAR_INCLUDE_ALL = Pattern.compile("Circular reference detected in '([^']*)'.*");

    /**
     * Liquibase's messages that name its own settings (the {@code searchPath} parameter, {@code
     * liquibase.errorOnCircularIncludeAll}), which sark-migrate does not have, said with sark-migrate's.
     */
    private String inOurWords(String reason) {
        Matcher missing = NOT_IN_SEARCH_PATH.matcher(reason);
        if (missing.matches()) {
            return "the file " + missing.group(1) + " it includes is not under " + (sourceRoot == null ? "the classpath" : sourceRoot.toString())
                    + ": fix the include's path, or give --changelog-root the folder its paths are relative to";
        }
        Matcher circular = CIRCULAR_INCLUDE_ALL.matcher(reason);
        if (circular.matches()) {
            return "the includeAll of " + circular.group(1) + " takes in the master itself (" + master + " is in that folder): keep the"
                    + " master out of the folder it includes, or include the revisions one by one";
        }
        return reason;
    }

    private static final Pattern SYNTAX_ERROR_IN = Pattern.compile("Syntax error in file (\\S+?):");

    /** The file a parse failure names as broken (the innermost "Syntax error in file F"), as Liquibase names it. */
    private static Optional<String> brokenFile(Throwable failure) {
        String found = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            Matcher m = t.getMessage() == null ? null : SYNTAX_ERROR_IN.matcher(t.getMessage());
            if (m != null && m.find()) {
                found = m.group(1);
            }
        }
        return Optional.ofNullable(found);
    }

    private static boolean hasConflictMarkers(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> line.startsWith("<<<<<<< ") || line.equals("=======") || line.startsWith(">>>>>>> "));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    /** The first changelog file under the source folder that is not valid UTF-8, for a message; empty for none found. */
    private Optional<Path> notUtf8() {
        if (sourceRoot == null) {
            return Optional.empty();
        }
        try (var files = Files.walk(sourceRoot)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches("(?i).*\\.(ya?ml|xml|json|sql)"))
                    .sorted()
                    .filter(f -> {
                        try {
                            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(f)));
                            return false;
                        } catch (IOException notText) {
                            return true;
                        }
                    })
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
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
        List<ChangeSet> changeSets = changelog.getChangeSets().stream().filter(Changelog::runsOnPostgres).toList();
        List<Revision> result = new ArrayList<>();
        List<Revision.ChangeSetRef> pending = new ArrayList<>();
        Map<String, String> authorOfIdInFile = new HashMap<>();
        for (int i = 0; i < changeSets.size(); i++) {
            ChangeSet changeSet = changeSets.get(i);
            if (authorOfIdInFile.putIfAbsent(changeSet.getFilePath() + "\n" + changeSet.getId(), changeSet.getAuthor()) != null) {
                throw new ChangelogException("Changeset id " + changeSet.getId() + " is used twice (in " + changeSet.getFilePath()
                        + ", twice): sark-migrate names changesets by id, so give each its own.");
            }
            pending.add(new Revision.ChangeSetRef(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath(),
                    changeSet.getComments(), written(changeSet.getContextFilter()), written(changeSet.getLabels())));
            for (Change change : changeSet.getChanges()) {
                if (change instanceof TagDatabaseChange tag) {
                    String fileName = stem(changeSet.getFilePath());
                    if (!fileName.equals(tag.getTag()) && fileName.matches("\\d{3}_.*")) {
                        throw new ChangelogException("Revision file " + changeSet.getFilePath() + " ends with the tag " + tag.getTag()
                                + " (changeset " + changeSet.getId() + "): a revision's file and tag carry the same id, so the chain of"
                                + " revisions can be followed. Rename one of them.");
                    }
                    add(result, new Revision(tag.getTag(), changeSet.getFilePath(), pending, true), changeSet);
                    pending = new ArrayList<>();
                }
            }
            boolean endOfFile = i + 1 == changeSets.size() || !changeSets.get(i + 1).getFilePath().equals(changeSet.getFilePath());
            if (endOfFile && !pending.isEmpty()) {
                String file = changeSet.getFilePath();
                if (result.stream().anyMatch(r -> r.tagged() && r.file().equals(file) && r.id().equals(stem(file)))) {
                    throw new ChangelogException("Revision file " + file + " has changesets after its tag ("
                            + String.join(", ", pending.stream().map(Revision.ChangeSetRef::id).toList())
                            + "): the tagDatabase changeset must stay last, so move them above it.");
                }
                add(result, new Revision(untaggedId(file, result), file, pending, false), changeSet);
                pending = new ArrayList<>();
            }
        }
        return List.copyOf(result);
    }

    private static void add(List<Revision> revisions, Revision revision, ChangeSet last) {
        String id = revision.id();
        if (Revisions.BASE.equals(id) || Revisions.HEAD.equals(id) || id.matches("[+-]\\d+")) {
            throw new ChangelogException((revision.tagged() ? "Changeset " + last.getId() + " tags the database '" + id + "'"
                    : "The changelog file " + revision.file() + " would be revision '" + id + "'")
                    + ", a name sark-migrate reserves; give the revision another id.");
        }
        for (Revision earlier : revisions) {
            if (earlier.id().equals(id)) {
                throw new ChangelogException("Revision " + id + " is tagged twice (in " + earlier.file() + " and "
                        + revision.file() + "): each revision must have its own id.");
            }
        }
        revisions.add(revision);
    }

    /** The name of a revision without a tag: its file's name, or its path when another revision has that name. */
    private static String untaggedId(String file, List<Revision> earlier) {
        String stem = stem(file);
        boolean taken = earlier.stream().anyMatch(r -> r.id().equals(stem));
        return taken ? file.replaceFirst("\\.[^./]+$", "") : stem;
    }

    private static String stem(String file) {
        return Path.of(file).getFileName().toString().replaceFirst("\\.[^.]+$", "");
    }

    /** Whether {@code changeSet} runs on PostgreSQL: it names no database, or names PostgreSQL (or does not exclude it). */
    private static boolean runsOnPostgres(ChangeSet changeSet) {
        return DatabaseList.definitionMatches(changeSet.getDbmsSet(), "postgresql", true);
    }
}
