package io.sark.migrate.cli;

import io.sark.migrate.postgres.ConfigurationException;
import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.IoErrors;
import io.sark.migrate.postgres.JdbcUrl;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code --targets} file, read: one database per line, {@code URL} or {@code NAME=URL}, then optionally
 * {@code password-file=PATH}; blank lines and {@code #} comments are skipped. A password never stays in a URL: it is
 * taken out (so that it is in no process list and no output) and handed to the target's run in its environment.
 */
final class Targets {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /**
     * One database.
     *
     * @param name     its name in the results
     * @param url      its JDBC URL, without a password
     * @param password its password, or null for none (the URL's user and the server's rules decide)
     * @param sslPassword the password of its client SSL key, or null for none
     */
    record Target(String name, String url, String password, String sslPassword) {

        @Override
        public String toString() {
            return name + " (" + url + ")";
        }
    }

    private Targets() {
    }

    /** Reads {@code file}; {@code sharedPasswordFile} is the command's --password-file. Any mistake: a usage error naming its line. */
    static List<Target> read(Path file, Path sharedPasswordFile, Map<String, String> env) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new UsageException("--targets: " + file + " is not UTF-8 text.");
        } catch (IOException e) {
            throw new UsageException("--targets: cannot read " + file + " (" + IoErrors.describe(e) + ").");
        }
        String shared = sharedPasswordFile == null ? env.get(ConnectionSettings.URL_PASSWORD) : readPassword(sharedPasswordFile, "--password-file");
        List<Target> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("(^|\\s)#.*$", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = "--targets: " + file.getFileName() + " line " + (i + 1) + ": ";
            String[] words = line.split("\\s+");
            String name = null;
            String url = words[0];
            int eq = url.indexOf('=');
            if (eq > 0 && !url.substring(0, eq).contains(":")) {
                name = url.substring(0, eq);
                url = url.substring(eq + 1);
                if (!NAME.matcher(name).matches()) {
                    throw new UsageException(where + "the name '" + name + "' may hold letters, digits, '_', '.' and '-' only.");
                }
            }
            JdbcUrl parsed;
            try {
                parsed = JdbcUrl.parse(url);
            } catch (ConfigurationException e) {
                throw new UsageException(where + "expected a PostgreSQL URL (jdbc:postgresql://HOST:PORT/DB), or NAME=URL; got '"
                        + ConnectionSettings.redact(url) + "'.");
            }
            url = parsed.url();
            String password = parsed.password();
            for (int w = 1; w < words.length; w++) {
                if (!words[w].startsWith("password-file=")) {
                    throw new UsageException(where + "unexpected '" + words[w] + "' after the URL: only password-file=PATH may follow it.");
                }
                password = readPassword(file.toAbsolutePath().getParent().resolve(words[w].substring("password-file=".length())), where.strip());
            }
            if (name == null) {
                name = parsed.address().map(JdbcUrl.Address::written).orElse(url.replaceFirst("\\?.*$", ""));
            }
            if (!names.add(name)) {
                throw new UsageException(where + "the target " + name + " is listed twice; give each its own NAME=.");
            }
            if (password == null) {
                String own = env.get(ConnectionSettings.URL_PASSWORD + "_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
                password = own != null && !own.isEmpty() ? own : shared;
            }
            targets.add(new Target(name, url, password, parsed.sslPassword()));
        }
        if (targets.isEmpty()) {
            throw new UsageException("--targets: " + file + " lists no database (one JDBC URL, or NAME=URL, per line).");
        }
        return List.copyOf(targets);
    }

    private static String readPassword(Path file, String where) {
        try {
            return ConnectionSettings.readPasswordFile(file);
        } catch (ConfigurationException e) {
            throw new UsageException(where + " " + e.getMessage());
        }
    }
}
