package io.sark.migrate.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Set;

/**
 * Folders that only the user running sark-migrate can change: created {@code 0700}, and reused only when they are
 * real folders (not links) owned by this user that no one else can write. Everything sark-migrate keeps (the unpacked
 * PostgreSQL it runs, the shadow cache, the changelog index, the embedded database) lives in one, since whoever can
 * write there can make sark-migrate run their program or read its data.
 *
 * <p>Per-user caches live in the user's cache folder ({@code $XDG_CACHE_HOME}, else {@code ~/.cache}), not in the
 * shared temporary folder, where another account can create the folder first.
 */
public final class PrivateFolders {

    private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static UserPrincipal self;

    private PrivateFolders() {
    }

    /**
     * {@code folder}, created {@code 0700} (with its missing parents) if it is missing, else checked: a link, another
     * user's folder, or one that others can write is refused in one line naming it.
     */
    public static Path ensure(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        try {
            if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(absolute.getParent());
                try {
                    Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectory(absolute);
                } catch (FileAlreadyExistsException raced) {
                    // made by another process at the same moment: checked below like any folder found
                }
            }
            check(absolute);
            return absolute;
        } catch (IOException e) {
            throw new UnsafeFolderException("Cannot create the private folder " + absolute + " (" + (e instanceof AccessDeniedException ? "permission denied" : e.getMessage())
                    + "). Make its parent writable, or point sark-migrate elsewhere (XDG_CACHE_HOME for its caches).", e);
        }
    }

    /** Refuses {@code folder} unless it is a folder (not a link) of this user that no one else can write. */
    public static void check(Path folder) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException notPosix) {
            return; // Windows: the user's profile folders are private already
        }
        if (!attributes.isDirectory()) {
            throw new UnsafeFolderException("Refusing to use " + folder + ": it is " + (attributes.isSymbolicLink() ? "a link" : "not a folder")
                    + ", where sark-migrate expects a private folder of its own. Remove it and run again.");
        }
        if (!attributes.owner().equals(self())) {
            throw new UnsafeFolderException("Refusing to use " + folder + ": it belongs to " + attributes.owner().getName()
                    + ", not to " + self().getName() + ", and whoever owns it could change what sark-migrate runs or reads there."
                    + " Remove it (or have its owner remove it) and run again.");
        }
        if (attributes.permissions().stream().anyMatch(OTHERS_WRITE::contains)) {
            throw new UnsafeFolderException("Refusing to use " + folder + ": other users can write to it ("
                    + PosixFilePermissions.toString(attributes.permissions()) + "). Run 'chmod go-w " + folder + "' or remove it, and run again.");
        }
    }

    /**
     * The user's folder for sark-migrate's caches: {@code $XDG_CACHE_HOME/sark-migrate}, else
     * {@code ~/.cache/sark-migrate}; a user without a home gets a private folder in the temporary folder.
     */
    public static Path userCache() {
        return userCache(System.getenv(), System.getProperty("user.home"));
    }

    /** As {@link #userCache()}: {@code $HOME} comes before Java's {@code user.home} (the password database's). */
    static Path userCache(Map<String, String> env, String userHome) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "sark-migrate");
        }
        String home = env.get("HOME") != null && Path.of(env.get("HOME")).isAbsolute() ? env.get("HOME") : userHome;
        if (home != null && !home.isBlank() && !home.equals("?") && Files.isDirectory(Path.of(home)) && Files.isWritable(Path.of(home))) {
            return Path.of(home, ".cache", "sark-migrate");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "sark-migrate-" + System.getProperty("user.name"));
    }

    /** This process's user, as the file system names owners. */
    static synchronized UserPrincipal self() throws IOException {
        if (self == null) {
            Path probe = Files.createTempFile("sark-migrate-owner-", ".tmp");
            try {
                self = Files.getOwner(probe);
            } finally {
                Files.deleteIfExists(probe);
            }
        }
        return self;
    }

}
