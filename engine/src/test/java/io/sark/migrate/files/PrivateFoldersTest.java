package io.sark.migrate.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What another local account could do with a folder sark-migrate uses, and that sark-migrate refuses it. */
class PrivateFoldersTest {

    @Test
    void aMissingFolderIsCreatedForItsOwnerOnly(@TempDir Path dir) throws IOException {
        Path folder = PrivateFolders.ensure(dir.resolve("a/b/cache"));

        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(PrivateFolders.ensure(folder)).isEqualTo(folder);
    }

    @Test
    void aFolderAnotherAccountCreatedFirstIsRefused(@TempDir Path dir) throws Exception {
        assumeTrue(System.getProperty("user.name").equals("root"), "making a folder another account owns needs root");
        Path planted = Files.createDirectory(dir.resolve("sark-migrate-pg-victim"));
        UserPrincipal nobody = planted.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(planted, nobody);
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> PrivateFolders.ensure(planted)).isInstanceOf(UnsafeFolderException.class)
                .hasMessage("Refusing to use " + planted + ": it belongs to nobody, not to root, and whoever owns it could change what"
                        + " sark-migrate runs or reads there. Remove it (or have its owner remove it) and run again.");
    }

    @Test
    void aFolderOthersCanWriteIsRefused(@TempDir Path dir) throws IOException {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> PrivateFolders.ensure(shared)).isInstanceOf(UnsafeFolderException.class)
                .hasMessageContaining("other users can write to it (rwxrwxrwx). Run 'chmod go-w " + shared + "'");
    }

    @Test
    void aLinkInPlaceOfTheFolderIsRefused(@TempDir Path dir) throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("cache"), elsewhere);

        assertThatThrownBy(() -> PrivateFolders.ensure(link)).isInstanceOf(UnsafeFolderException.class)
                .hasMessageContaining("it is a link");
    }

    @Test
    void cachesLiveInTheUsersCacheFolderNotTheSharedTemporaryOne(@TempDir Path home) throws IOException {
        assertThat(PrivateFolders.userCache(Map.of("XDG_CACHE_HOME", "/srv/cache"), home.toString())).isEqualTo(Path.of("/srv/cache/sark-migrate"));
        assertThat(PrivateFolders.userCache(Map.of("XDG_CACHE_HOME", "relative"), home.toString())).isEqualTo(home.resolve(".cache/sark-migrate"));
        assertThat(PrivateFolders.userCache(Map.of(), home.toString())).isEqualTo(home.resolve(".cache/sark-migrate"));
        Path other = java.nio.file.Files.createDirectory(home.resolve("other"));
        assertThat(PrivateFolders.userCache(Map.of("HOME", other.toString()), home.toString())).as("$HOME before the password database's")
                .isEqualTo(other.resolve(".cache/sark-migrate"));
    }
}
