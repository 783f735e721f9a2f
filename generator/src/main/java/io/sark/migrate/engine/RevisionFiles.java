package io.sark.migrate.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

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
        Path root = changelog.sourceRoot().orElseThrow(() -> new ChangelogException(
                "A new revision is written into the changelog's sources, and this is " + changelog.describe()
                        + ". Run sark-migrate from the repository root, or pass --changelog-root migrations/src/main/resources."));
        String slug = slug(message);
        if (slug.isEmpty()) {
            throw new UnknownRevisionException("the message '" + message + "' has no letters or digits to name the revision by.");
        }
        String id = String.format(Locale.ROOT, "%03d_%s", nextNumber(existing.ids()), slug);
        String relative = "db/changelog/" + id + ".yaml";
        Path file = root.resolve(relative);
        if (Files.exists(file)) {
            throw new ChangelogException("Revision file " + file + " already exists.");
        }
        String previous = existing.head();
        String text = """
                # Revision %1$s: %2$s
                # Created %3$s with 'sark-migrate revision'; it follows %4$s.
                #
                # Add changesets above the tag: each with an id starting "%1$s-", a comment saying what it does,
                # and an explicit rollback. The tag must stay last: it is what "upgrade %1$s" and
                # "downgrade %1$s" go to.
                databaseChangeLog:
                  - logicalFilePath: %5$s

                  - changeSet:
                      id: %1$s-tag
                      author: %6$s
                      comment: End of revision %1$s.
                      changes:
                        - tagDatabase: {tag: %1$s}
                      rollback: []
                """.formatted(id, message.strip().replaceAll("\\s+", " "), LocalDate.now(), previous, relative, author);
        Path master = root.resolve(Changelog.MASTER);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            String masterText = Files.readString(master, StandardCharsets.UTF_8);
            String include = (masterText.endsWith("\n") ? "" : "\n") + "  - include:\n      file: " + relative + "\n";
            Files.writeString(master, include, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ChangelogException("Could not write the new revision " + file + ": " + e.getMessage(), e);
        }
        return new NewRevision(id, file.toString(), previous);
    }

    /** Lower case, words joined by underscores, at most {@value #MAX_SLUG} characters. */
    static String slug(String message) {
        String slug = message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("_[^_]*$", "");
        }
        return slug;
    }

    private static int nextNumber(List<String> ids) {
        int max = 0;
        for (String id : ids) {
            int underscore = id.indexOf('_');
            if (underscore > 0 && id.substring(0, underscore).chars().allMatch(Character::isDigit)) {
                max = Math.max(max, Integer.parseInt(id.substring(0, underscore)));
            }
        }
        return max + 1;
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
