package io.sark.migrate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Files named by options (--add-sql, --rollback-sql, --seed): read whole, or one usage error naming the option. */
final class OptionFiles {

    private OptionFiles() {
    }

    static String read(String option, Path file) {
        return read(option, Path.of(""), file);
    }

    /** {@code file} as given, relative to {@code folder} (the command's working directory); named as given. */
    static String read(String option, Path folder, Path file) {
        try {
            return Files.readString(folder.resolve(file), StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new UsageException(option + " " + file + ": not UTF-8 text; save it as UTF-8.");
        } catch (NoSuchFileException e) {
            throw new UsageException(option + " " + file + ": no such file.");
        } catch (IOException | UncheckedIOException e) {
            throw new UsageException(option + " " + file + ": cannot read it (" + e.getMessage() + ").");
        }
    }
}
