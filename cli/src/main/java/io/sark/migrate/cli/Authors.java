package io.sark.migrate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Who a generated changeset is by: --author, else git's user.name, else "sark-migrate". */
final class Authors {

    private Authors() {
    }

    static String resolve(String option, Path workingDirectory) {
        if (option != null && !option.isBlank()) {
            return option.strip();
        }
        try {
            Process git = new ProcessBuilder("git", "config", "user.name").directory(workingDirectory.toFile())
                    .redirectErrorStream(true).start();
            git.getOutputStream().close();
            String name = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0 && !name.isEmpty() && !name.contains("\n")) {
                return name;
            }
        } catch (IOException e) {
            // No git: fall back.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "sark-migrate";
    }
}
