package io.sark.migrate.engine.changelog;

import io.sark.migrate.files.CacheFiles;
import io.sark.migrate.files.PrivateFolders;
import liquibase.resource.OpenOptions;
import liquibase.resource.Resource;
import liquibase.resource.ResourceAccessor;
import liquibase.util.LiquibaseUtil;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A changelog's revisions, kept from one run to the next so that the commands that only need them ({@code current},
 * {@code history}, an {@code upgrade} with nothing to do) need not parse the changelog, which costs about 0.35 s of
 * Liquibase's start-up. An index holds the revisions and what they were read from: the SHA-256 of every file the parse
 * read (by URI, includes relative to a file among them) and the listing of every folder an {@code includeAll} searched.
 * It is used only when every one of those files still has that hash and every folder that listing; anything else (a
 * file edited, added to a folder, removed; an unreadable or foreign index) and the changelog is parsed as before, and
 * the index written again. A changelog that uses {@code ${...}} parameters (which may come from the environment) is
 * never indexed. Indexes live in a folder of the user's own under the temporary folder.
 */
final class ChangelogIndex {

    private static final String HEADER = "sark-migrate changelog index 3";
    private static final int KEEP = 64;

    private ChangelogIndex() {
    }

    /** What a parse read, recorded by wrapping the changelog's resource accessor. */
    public static final class Recording implements ResourceAccessor {

        private final ResourceAccessor delegate;
        final Map<String, String> reads = new LinkedHashMap<>();
        final List<String> searches = new ArrayList<>();
        boolean parameters;

        Recording(ResourceAccessor delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<Resource> search(String path, boolean recursive) throws IOException {
            List<Resource> found = delegate.search(path, recursive);
            searches.add(listing(path, recursive, found));
            return found.stream().map(r -> (Resource) new Recorded(r, this)).toList();
        }

        @Override
        public List<Resource> getAll(String path) throws IOException {
            List<Resource> found = delegate.getAll(path);
            return found == null ? null : found.stream().map(r -> (Resource) new Recorded(r, this)).toList();
        }

        @Override
        public List<String> describeLocations() {
            return delegate.describeLocations();
        }

        @Override
        public void close() throws Exception {
            // The delegate belongs to the changelog.
        }

        void read(URI uri, byte[] bytes) {
            reads.put(uri.toString(), CacheFiles.sha256(bytes));
            parameters |= new String(bytes, StandardCharsets.UTF_8).contains("${");
        }
    }

    /** A resource whose reads are recorded, and whose relatives are too. */
    private record Recorded(Resource delegate, Recording recording) implements Resource {

        @Override
        public String getPath() {
            return delegate.getPath();
        }

        @Override
        public InputStream openInputStream() throws IOException {
            byte[] bytes;
            try (InputStream in = delegate.openInputStream()) {
                bytes = in.readAllBytes();
            }
            recording.read(delegate.getUri(), bytes);
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public boolean isWritable() {
            return delegate.isWritable();
        }

        @Override
        public boolean exists() {
            return delegate.exists();
        }

        @Override
        public Resource resolve(String other) {
            return new Recorded(delegate.resolve(other), recording);
        }

        @Override
        public Resource resolveSibling(String other) {
            return new Recorded(delegate.resolveSibling(other), recording);
        }

        @Override
        public OutputStream openOutputStream(OpenOptions options) throws IOException {
            return delegate.openOutputStream(options);
        }

        @Override
        public URI getUri() {
            return delegate.getUri();
        }
    }

    private static String listing(String path, boolean recursive, List<Resource> found) {
        List<String> listing = found.stream().map(r -> r.getUri().toString()).sorted().toList();
        return path + "\u0000" + recursive + "\u0000" + CacheFiles.sha256(String.join("\n", listing).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What an index holds: the revisions, what the shadow cache and a no-op upgrade need of each changeset (its
     * checksum as Liquibase records it, {@code 9:…}), and what a comparison needs of the changelog; {@code digest}, the
     * SHA-256 of the index itself, names this reading of the changelog (by this build, of these files) for what is
     * kept beside it.
     */
    public record Indexed(Revisions revisions, List<ChangeSetSummary> summaries, ChangelogDeclarations declarations, String digest) {
    }

    /**
     * What wrote an index: an index is read only by the build that wrote it, since what it holds (checksums, the
     * names a comparison reads from each change) is that build's reading of the changelog.
     */
    private static final String BUILD = build();

    private static String build() {
        String stamp = ChangelogIndex.class.getPackage().getImplementationVersion() + " " + LiquibaseUtil.getBuildVersion();
        try {
            Path code = Path.of(ChangelogIndex.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            stamp += " " + Files.getLastModifiedTime(code.resolve(Files.isDirectory(code)
                    ? ChangelogIndex.class.getName().replace('.', '/') + ".class" : "")).toMillis();
        } catch (Exception | LinkageError e) {
            // no code source to stamp (a custom class loader): the version alone
        }
        return stamp;
    }

    /** The revisions indexed for {@code changelog}, if the index is still true of its files. */
    public static Optional<Indexed> read(String identity, ResourceAccessor resources) {
        Path file = file(identity);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] text = Files.readAllBytes(file);
            List<String> lines = new String(text, StandardCharsets.UTF_8).lines().toList();
            if (lines.isEmpty() || !lines.get(0).equals(HEADER + "\t" + CacheFiles.field(BUILD)) || lines.size() < 2
                    || !lines.get(1).equals("I\t" + CacheFiles.field(identity))) {
                return Optional.empty();
            }
            List<Revision> revisions = new ArrayList<>();
            List<Revision.ChangeSetRef> changeSets = new ArrayList<>();
            List<ChangeSetSummary> summaries = new ArrayList<>();
            SortedSet<String> tables = new TreeSet<>();
            SortedSet<String> types = new TreeSet<>();
            SortedSet<String> sequences = new TreeSet<>();
            SortedMap<String, SortedMap<String, String>> hypertables = new TreeMap<>();
            for (String line : lines.subList(2, lines.size())) {
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "F" -> {
                        byte[] bytes;
                        try (InputStream in = URI.create(CacheFiles.unfield(f[1])).toURL().openStream()) {
                            bytes = in.readAllBytes();
                        }
                        if (!CacheFiles.sha256(bytes).equals(f[2])) {
                            return Optional.empty();
                        }
                    }
                    case "S" -> {
                        String path = CacheFiles.unfield(f[1]);
                        boolean recursive = Boolean.parseBoolean(f[2]);
                        if (!listing(path, recursive, resources.search(path, recursive)).equals(path + "\u0000" + recursive + "\u0000" + f[3])) {
                            return Optional.empty();
                        }
                    }
                    case "C" -> {
                        Revision.ChangeSetRef ref = new Revision.ChangeSetRef(CacheFiles.unfield(f[1]), CacheFiles.unfield(f[2]), CacheFiles.unfield(f[3]), CacheFiles.unfield(f[4]),
                                CacheFiles.unfield(f[5]), CacheFiles.unfield(f[6]));
                        changeSets.add(ref);
                        summaries.add(new ChangeSetSummary(ChangeSetKey.of(ref), CacheFiles.unfield(f[7]), CacheFiles.unfield(f[8]), CacheFiles.unfield(f[9]), CacheFiles.unfield(f[10]),
                                Boolean.parseBoolean(f[11]), Boolean.parseBoolean(f[12]), Boolean.parseBoolean(f[13])));
                    }
                    case "T" -> tables.add(CacheFiles.unfield(f[1]));
                    case "Y" -> types.add(CacheFiles.unfield(f[1]));
                    case "Q" -> sequences.add(CacheFiles.unfield(f[1]));
                    case "H" -> hypertables.computeIfAbsent(CacheFiles.unfield(f[1]), t -> new TreeMap<>()).put(CacheFiles.unfield(f[2]), CacheFiles.unfield(f[3]));
                    case "R" -> {
                        revisions.add(new Revision(CacheFiles.unfield(f[1]), CacheFiles.unfield(f[2]), changeSets, Boolean.parseBoolean(f[3])));
                        changeSets = new ArrayList<>();
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(new Indexed(new Revisions(revisions), List.copyOf(summaries),
                    new ChangelogDeclarations(tables, types, sequences, hypertables), CacheFiles.sha256(text)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable, moved, half-written: parsed afresh
        }
    }

    /**
     * Writes the index of {@code revisions}, read as {@code recording} saw, and returns its digest ({@link Indexed#digest});
     * quietly nothing (and null) when it cannot.
     */
    public static String write(String identity, Recording recording, Revisions revisions, List<ChangeSetSummary> summaries,
                      ChangelogDeclarations declarations) {
        Path file = file(identity);
        if (file == null || recording.parameters || recording.reads.isEmpty()) {
            return null;
        }
        Map<ChangeSetKey, ChangeSetSummary> byKey = new HashMap<>();
        summaries.forEach(c -> byKey.put(c.key(), c));
        StringBuilder out = new StringBuilder(HEADER).append('\t').append(CacheFiles.field(BUILD)).append('\n')
                .append("I\t").append(CacheFiles.field(identity)).append('\n');
        recording.reads.forEach((uri, sha) -> out.append("F\t").append(CacheFiles.field(uri)).append('\t').append(sha).append('\n'));
        for (String search : recording.searches) {
            String[] s = search.split("\u0000");
            out.append("S\t").append(CacheFiles.field(s[0])).append('\t').append(s[1]).append('\t').append(s[2]).append('\n');
        }
        for (Revision revision : revisions.all()) {
            for (Revision.ChangeSetRef c : revision.changeSets()) {
                ChangeSetSummary summary = byKey.get(ChangeSetKey.of(c));
                if (summary == null) {
                    return null; // every changeset of a revision runs on PostgreSQL: not this changelog's index
                }
                out.append("C\t").append(String.join("\t", CacheFiles.field(c.id()), CacheFiles.field(c.author()), CacheFiles.field(c.file()), CacheFiles.field(c.comment()),
                        CacheFiles.field(c.contexts()), CacheFiles.field(c.labels()), CacheFiles.field(summary.checksum()), CacheFiles.field(summary.contexts()),
                        CacheFiles.field(summary.labels()), CacheFiles.field(summary.dbms()), String.valueOf(summary.alwaysRun()),
                        String.valueOf(summary.runOnChange()), String.valueOf(summary.preconditions()))).append('\n');
            }
            out.append("R\t").append(CacheFiles.field(revision.id())).append('\t').append(CacheFiles.field(revision.file())).append('\t')
                    .append(revision.tagged()).append('\n');
        }
        declarations.tables().forEach(t -> out.append("T\t").append(CacheFiles.field(t)).append('\n'));
        declarations.types().forEach(t -> out.append("Y\t").append(CacheFiles.field(t)).append('\n'));
        declarations.sequences().forEach(t -> out.append("Q\t").append(CacheFiles.field(t)).append('\n'));
        declarations.hypertables().forEach((table, keys) -> keys.forEach((key, value) -> out.append("H\t").append(CacheFiles.field(table))
                .append('\t').append(CacheFiles.field(key)).append('\t').append(CacheFiles.field(value)).append('\n')));
        byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
        try {
            CacheFiles.write(file, text);
            // Keeps the most recently written indexes (every changelog folder a test makes gets one).
            CacheFiles.keepNewest(file.getParent(), ".index", KEEP);
            return CacheFiles.sha256(text);
        } catch (IOException | RuntimeException e) {
            return null; // An index is a convenience: without it the changelog is parsed.
        }
    }

    /** The index file for a changelog, in a folder of this user's own; null when there is none to be had. */
    private static Path file(String identity) {
        Path folder = folder();
        return folder == null ? null : folder.resolve(CacheFiles.sha256(identity.getBytes(StandardCharsets.UTF_8)).substring(0, 32) + ".index");
    }

    /** The folder of this user's own that indexes (and what is kept beside them) live in; null when there is none to be had. */
    public static Path folder() {
        try {
            String configured = System.getProperty("sark.migrate.changelog-index-dir");
            Path folder = configured != null ? Path.of(configured) : PrivateFolders.ensure(PrivateFolders.userCache()).resolve("changelog-index");
            return PrivateFolders.ensure(folder); // another user's or a shared folder: refused, and the changelog is read without an index
        } catch (RuntimeException e) {
            return null;
        }
    }
}
