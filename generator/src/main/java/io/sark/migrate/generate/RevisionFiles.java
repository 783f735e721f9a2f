package io.sark.migrate.generate;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogException;
import io.sark.migrate.engine.changelog.Revisions;
import io.sark.migrate.engine.changelog.UnknownRevisionException;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Writes new revision files into the changelog's sources and includes them in the master file. */
public final class RevisionFiles {

    private static final int MAX_SLUG = 50;

    private RevisionFiles() {
    }

    /**
     * Creates the next numbered revision, empty but for the tag that ends it, from {@code message}, and appends it to
     * the master changelog.
     *
     * @return the new revision's id and file
     */
    public static NewRevision create(Changelog changelog, Revisions existing, String message, String author) {
        return create(changelog, existing, message, author, List.of());
    }

    /**
     * Creates the next numbered revision holding {@code changes} (one changeset each) and ending in its tag, and
     * appends it to the master changelog. The file depends on nothing but the arguments: the same inputs give the
     * same bytes.
     */
    public static NewRevision create(Changelog changelog, Revisions existing, String message, String author,
                                     List<SchemaChange> changes) {
        return create(changelog, existing, message, author, changes, Set.of());
    }

    /** As {@link #create(Changelog, Revisions, String, String, List)}, knowing which tables are TimescaleDB hypertables. */
    public static NewRevision create(Changelog changelog, Revisions existing, String message, String author,
                                     List<SchemaChange> changes, Set<String> hypertables) {
        Path root = changelog.sourceRoot().orElseThrow(() -> new ChangelogException(
                "A new revision is written into the changelog's sources, and this is " + changelog.describe()
                        + ". Run sark-migrate from the repository root, or pass --changelog-root migrations/src/main/resources."));
        String masterPath = changelog.master();
        Path master = root.resolve(masterPath);
        String id = nextId(existing, message);
        try {
            String masterText = Files.readString(master, StandardCharsets.UTF_8);
            // Beside the master, included as its last entry; or into the folder its closing includeAll reads.
            Optional<String> includedFolder = MasterChangelog.includeAllFolder(masterText, masterPath);
            int slash = masterPath.lastIndexOf('/');
            String relative = includedFolder.orElse(slash < 0 ? "" : masterPath.substring(0, slash + 1)) + id + ".yaml";
            Path file = root.resolve(relative);
            if (Files.exists(file)) {
                throw new ChangelogException("Revision file " + file + " already exists.");
            }
            if (includedFolder.isPresent()) {
                refuseUnlessLast(root.resolve(includedFolder.get()), file, masterPath);
            }
            // The master is worked out first: nothing is written unless both files can be.
            String newMaster = includedFolder.isPresent() ? null : MasterChangelog.withInclude(masterText, relative, master);
            String text = text(relative, id, message, existing.head(), author, changes, hypertables);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            if (newMaster != null) {
                Files.writeString(master, newMaster, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            }
            return new NewRevision(id, file.toString(), existing.head());
        } catch (IOException e) {
            throw new ChangelogException("Could not write the new revision " + id + " into " + root + ": " + e.getMessage(), e);
        }
    }

    /** includeAll runs a folder's files in the order of their names: the new one must come last, or it would run early. */
    private static void refuseUnlessLast(Path folder, Path file, String master) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var files = Files.list(folder)) {
            Optional<String> later = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.compareTo(file.getFileName().toString()) > 0).sorted().findFirst();
            if (later.isPresent()) {
                throw new ChangelogException("The new revision " + file.getFileName() + " would not be the last file of " + folder
                        + " (" + later.get() + " sorts after it), and " + master + " runs that folder with includeAll in the order of"
                        + " file names. Include revisions one by one from the master instead. Nothing was written.");
            }
        }
    }

    /** The id the next revision gets: the next number and the message's words. */
    public static String nextId(Revisions existing, String message) {
        return nextId(existing.ids(), message, Clock.systemUTC());
    }

    /**
     * The id the next revision gets after {@code ids}: numbered as they are ({@link #nextNumber}), then the message's words.
     */
    static String nextId(List<String> ids, String message, Clock clock) {
        String slug = slug(message);
        if (slug.isEmpty()) {
            throw new UnknownRevisionException("the message '" + message + "' has no letters or digits to name the revision by.");
        }
        return nextNumber(ids, clock) + "_" + slug;
    }

    /** The revision file's text. */
    public static String text(String id, String message, String previous, String author, List<SchemaChange> changes) {
        return text(id, message, previous, author, changes, Set.of());
    }

    /** The revision file's text, knowing which tables are TimescaleDB hypertables. */
    public static String text(String id, String message, String previous, String author, List<SchemaChange> changes,
                              Set<String> hypertables) {
        return text("db/changelog/" + id + ".yaml", id, message, previous, author, changes, hypertables);
    }

    /** The text of the revision file at {@code relative} (its path under the changelog root). */
    static String text(String relative, String id, String message, String previous, String author, List<SchemaChange> changes,
                       Set<String> hypertables) {
        String header = changes.isEmpty()
                ? """
                # Revision %1$s: %2$s
                # Follows %3$s. Written by 'sark-migrate revision'.
                #
                # Add changesets above the tag: each with an id starting "%1$s-", a comment saying what it does,
                # and an explicit rollback. The tag must stay last: it is what "upgrade %1$s" and
                # "downgrade %1$s" go to.
                """
                : """
                # Revision %1$s: %2$s
                # Follows %3$s. Generated by 'sark-migrate revision --autogenerate' from the entities:
                # review it before applying. One change per changeset, each with its rollback; the tag ends it.
                """;
        return header.formatted(id, message.strip().replaceAll("\\s+", " "), previous)
                + "databaseChangeLog:\n"
                + "  - logicalFilePath: " + relative + "\n"
                + ChangesetWriter.write(id, author, changes, hypertables)
                + "\n"
                + "  # Hand-written changesets (data changes, views, functions, grants) go here, above the tag; to add one:\n"
                + "  # sark-migrate revision --add-sql FILE -m \"...\", or --data TABLE -m \"...\" (docs/handwritten.md).\n"
                + "  - changeSet:\n"
                + "      id: " + id + "-tag\n"
                + "      author: " + author + "\n"
                + "      comment: End of revision " + id + ".\n"
                + "      changes:\n"
                + "        - tagDatabase: {tag: " + id + "}\n"
                + "      rollback: []\n";
    }

    /** Lower case, words joined by underscores, at most {@value #MAX_SLUG} characters. */
    public static String slug(String message) {
        // Accents go ("café" is cafe); a message in a script without Latin letters keeps its own letters.
        String folded = Normalizer.normalize(message, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug = folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.isEmpty()) {
            slug = Normalizer.normalize(message, Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}\\p{M}]+", "_").replaceAll("^_+|_+$", "");
        }
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("_[^_]*$", "");
        }
        return slug;
    }

    /** Twelve digits or more: a timestamp (yyyyMMddHHmm, or yyyyMMddHHmmss as JHipster and Liquibase's own tools name files). */
    private static final int TIMESTAMP_DIGITS = 12;

    /**
     * The number the next revision gets, as the project numbers its revisions (the part of the last id before its
     * first '_'): a timestamp of now in the same form (never at or before the last one: then the last plus one); the
     * next number of the same width (001, 0010); the next dotted version (1.2.10 after 1.2.9); 001 where none is.
     */
    private static String nextNumber(List<String> ids, Clock clock) {
        BigInteger max = null;
        int width = 3;
        List<Integer> version = null;
        for (String id : ids) {
            int underscore = id.indexOf('_');
            String prefix = underscore > 0 ? id.substring(0, underscore) : "";
            if (!prefix.isEmpty() && prefix.chars().allMatch(Character::isDigit)) {
                BigInteger number = new BigInteger(prefix);
                if (max == null || number.compareTo(max) >= 0) {
                    max = number;
                    width = Math.max(3, prefix.length());
                }
            } else if (prefix.matches("\\d+(\\.\\d+)+")) {
                List<Integer> parts = Arrays.stream(prefix.split("\\.")).map(Integer::valueOf).toList();
                if (version == null || compare(parts, version) > 0) {
                    version = parts;
                }
            }
        }
        if (max == null && version != null) {
            List<Integer> next = new ArrayList<>(version);
            next.set(next.size() - 1, next.get(next.size() - 1) + 1);
            return String.join(".", next.stream().map(String::valueOf).toList());
        }
        if (max == null) {
            return "001";
        }
        if (width >= TIMESTAMP_DIGITS) {
            String now = DateTimeFormatter.ofPattern(width >= 14 ? "yyyyMMddHHmmss" : "yyyyMMddHHmm")
                    .format(LocalDateTime.now(clock));
            BigInteger stamp = new BigInteger(now);
            return (stamp.compareTo(max) > 0 ? stamp : max.add(BigInteger.ONE)).toString();
        }
        String next = max.add(BigInteger.ONE).toString();
        return "0".repeat(Math.max(0, width - next.length())) + next;
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /**
     * A revision just written.
     *
     * @param id       its id (and tag)
     * @param file     where it was written
     * @param follows  the revision it follows ({@value Migrator#BASE} for the first)
     */
    public record NewRevision(String id, String file, String follows) {
    }
}
