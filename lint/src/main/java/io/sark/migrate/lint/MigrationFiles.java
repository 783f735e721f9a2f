package io.sark.migrate.lint;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.changes.SqlFacts;
import io.sark.migrate.changes.SqlStatements;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogException;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeSet;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Another project's migrations, as the linter reads them, with no database: folders and files of plain SQL (each file
 * one migration, in Flyway's version order where named {@code V<version>__…}, otherwise by name) and Liquibase changelogs
 * in any format (a master brings its includes).
 *
 * <p>A SQL file runs as its runner runs it: in one transaction unless it holds a statement that cannot run in one
 * (CONCURRENTLY). So Flyway runs it, and so do the runners that send a file as one query (golang-migrate: PostgreSQL runs
 * a multi-statement query in one implicit transaction) or wrap it (dbmate). A file other than Flyway's that opens its own
 * transactions (BEGIN … COMMIT, as a psql script does) runs in those alone; in a Flyway file they nest in Flyway's.
 * Rollback files (golang-migrate's {@code *.down.sql}, Flyway's undo {@code U…__}) are not migrations forward, and are
 * left out.
 */
public final class MigrationFiles {

    private static final Pattern FLYWAY = Pattern.compile("([VUR])([0-9._]*)__.*\\.sql", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALLOWANCE = Pattern.compile("sark-lint:\\s*allow\\s+[A-Z]{2}\\d{3}.*");
    private static final Set<String> CHANGELOG_EXTENSIONS = Set.of(".xml", ".yaml", ".yml", ".json");

    private MigrationFiles() {
    }

    /** The migrations in {@code paths} (files and folders), in the order they run. Paths are shown as given. */
    public static List<LintUnit> read(List<Path> paths) {
        List<LintUnit> units = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                units.addAll(folder(path));
            } else {
                units.addAll(file(path));
            }
        }
        return units;
    }

    private static List<LintUnit> folder(Path folder) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new ChangelogException("Cannot read the folder " + folder + ": " + e.getMessage(), e);
        }
        List<Path> sql = new ArrayList<>();
        List<Path> changelogs = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".sql") && !liquibaseFormatted(file)) {
                if (!rollback(file)) {
                    sql.add(file);
                }
            } else if (name.endsWith(".sql") || CHANGELOG_EXTENSIONS.stream().anyMatch(name::endsWith) && changelogFile(file)) {
                // a formatted SQL changelog, or an XML/YAML/JSON file that holds a changelog
                changelogs.add(file);
            }
        }
        sql.sort(RUN_ORDER);
        List<LintUnit> units = new ArrayList<>();
        for (Path file : sql) {
            units.add(sqlFile(file));
        }
        // of the changelogs, the masters: those no other one includes
        List<List<LintUnit>> read = new ArrayList<>();
        Set<String> included = new HashSet<>();
        changelogs.sort(Comparator.comparing(Path::toString));
        for (Path file : changelogs) {
            List<LintUnit> changeSets = changelog(file);
            read.add(changeSets);
            String own = file.toAbsolutePath().normalize().toString();
            changeSets.stream().map(LintUnit::file).filter(f -> !own.equals(f)).forEach(included::add);
        }
        for (int i = 0; i < changelogs.size(); i++) {
            if (!included.contains(changelogs.get(i).toAbsolutePath().normalize().toString())) {
                units.addAll(read.get(i).stream().map(u -> shown(u, List.of(folder))).toList());
            }
        }
        return units;
    }

    private static List<LintUnit> file(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ChangelogException("No file or folder at " + file + ": give SQL files, Liquibase changelogs, or folders of them.");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".sql") && !liquibaseFormatted(file)) {
            return List.of(sqlFile(file));
        }
        return changelog(file).stream().map(u -> shown(u, List.of(file))).toList();
    }

    /** Flyway's versioned files by version, then its repeatable ones, then every other file by its path. */
    static final Comparator<Path> RUN_ORDER = Comparator.<Path, Integer>comparing(p -> kind(p))
            .thenComparing((a, b) -> kind(a) == 0 ? compareVersions(version(a), version(b)) : 0)
            .thenComparing(Path::toString);

    private static int kind(Path file) {
        Matcher m = FLYWAY.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return 2;
        }
        return m.group(1).equalsIgnoreCase("V") ? 0 : 1;
    }

    private static String version(Path file) {
        Matcher m = FLYWAY.matcher(file.getFileName().toString());
        return m.matches() ? m.group(2) : "";
    }

    /** Flyway's order of versions: parts split on dots and underscores, compared as numbers ("1.10" after "1.9"). */
    static int compareVersions(String a, String b) {
        String[] left = a.split("[._]");
        String[] right = b.split("[._]");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            BigInteger l = i < left.length && !left[i].isEmpty() ? new BigInteger(left[i]) : BigInteger.ZERO;
            BigInteger r = i < right.length && !right[i].isEmpty() ? new BigInteger(right[i]) : BigInteger.ZERO;
            int c = l.compareTo(r);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static boolean rollback(Path file) {
        String name = file.getFileName().toString();
        Matcher m = FLYWAY.matcher(name);
        return name.toLowerCase(Locale.ROOT).endsWith(".down.sql") || m.matches() && m.group(1).equalsIgnoreCase("U");
    }

    /** A file Flyway runs forward: versioned or repeatable. */
    private static boolean flyway(Path file) {
        return FLYWAY.matcher(file.getFileName().toString()).matches() && !rollback(file);
    }

    /** A SQL file as one migration: a changeset of one change per statement, each with its line. */
    static LintUnit sqlFile(Path file) {
        String sql = read(file);
        String shown = file.toString();
        List<Integer> lines = new ArrayList<>();
        List<String> statements = new ArrayList<>();
        int from = 0;
        for (String statement : SqlStatements.texts(sql)) {
            int at = sql.indexOf(statement, from);
            if (at < 0) {
                at = from;
            } else {
                from = at + statement.length();
            }
            lines.add(lineAt(sql, at + codeStart(statement)));
            statements.add(statement);
        }
        List<Fact> facts = statements.stream().flatMap(s -> SqlFacts.of(s).stream()).toList();
        boolean nonTransactional = facts.stream().anyMatch(MigrationFiles::cannotRunInTransaction);
        boolean ownTransactions = facts.stream().anyMatch(f -> f.operation() == Operation.TRANSACTION_CONTROL);
        ChangeSet changeSet = new ChangeSet(file.getFileName().toString(), "sql", false, false, shown, null, null,
                !nonTransactional && (flyway(file) || !ownTransactions), null);
        for (String statement : statements) {
            RawSQLChange change = new RawSQLChange(statement);
            change.setSplitStatements(false);
            changeSet.addChange(change);
        }
        Set<String> allowances = new LinkedHashSet<>();
        for (String line : sql.split("\n")) {
            int comment = line.indexOf("--");
            if (comment >= 0) {
                Matcher m = ALLOWANCE.matcher(line.substring(comment + 2).strip());
                if (m.matches()) {
                    allowances.add(m.group().strip());
                }
            }
        }
        changeSet.setComments(allowances.isEmpty() ? null : String.join(" ", allowances));
        return new LintUnit(changeSet, shown, LintUnit.Origin.FOREIGN, shown, lines.isEmpty() ? 1 : lines.get(0), lines);
    }

    private static boolean cannotRunInTransaction(Fact fact) {
        return fact.operation() == Operation.CREATE_INDEX_CONCURRENTLY || fact.operation() == Operation.DROP_INDEX_CONCURRENTLY
                || fact.operation() == Operation.OTHER && fact.name() != null && Set.of("vacuum", "reindex", "create database",
                "drop database", "alter system").contains(fact.name());
    }

    /** Where the statement's code starts, after the comments and blanks before it. */
    private static int codeStart(String statement) {
        int i = 0;
        while (i < statement.length()) {
            if (Character.isWhitespace(statement.charAt(i))) {
                i++;
            } else if (statement.startsWith("--", i)) {
                int end = statement.indexOf('\n', i);
                i = end < 0 ? statement.length() : end + 1;
            } else if (statement.startsWith("/*", i)) {
                int end = statement.indexOf("*/", i + 2);
                i = end < 0 ? statement.length() : end + 2;
            } else {
                break;
            }
        }
        return i < statement.length() ? i : 0;
    }

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** A Liquibase changelog's changesets, each its own revision (another project's tags are not sark-migrate's revisions). */
    private static List<LintUnit> changelog(Path file) {
        Changelog changelog = Changelog.ofFile(file, null);
        Path root = changelog.sourceRoot().orElse(file.toAbsolutePath().getParent());
        ChangeSetLines lines = new ChangeSetLines(root);
        List<LintUnit> units = new ArrayList<>();
        for (ChangeSet changeSet : changelog.changeSets()) {
            String path = changeSet.getFilePath() == null ? file.toString() : root.resolve(changeSet.getFilePath()).normalize().toString();
            units.add(new LintUnit(changeSet, path + "::" + changeSet.getId(), LintUnit.Origin.FOREIGN, path, lines.of(changeSet), List.of()));
        }
        return units;
    }

    /** The unit with its file shown as the user gave it (relative where the user's path was), not as an absolute path. */
    private static LintUnit shown(LintUnit unit, List<Path> given) {
        Path absolute = Path.of(unit.file());
        for (Path path : given) {
            Path base = path.toAbsolutePath().normalize();
            Path parent = Files.isDirectory(path) ? base : base.getParent();
            if (parent != null && absolute.startsWith(parent)) {
                Path shownBase = Files.isDirectory(path) ? path : path.getParent() == null ? Path.of("") : path.getParent();
                return new LintUnit(unit.changeSet(), unit.revision(), unit.origin(), shownBase.resolve(parent.relativize(absolute)).toString(),
                        unit.line(), unit.changeLines());
            }
        }
        return unit;
    }

    /** Whether a .sql file is a Liquibase changelog: its first line "--liquibase formatted sql" (blanks allowed). */
    private static boolean liquibaseFormatted(Path file) {
        return firstLine(file).toLowerCase(Locale.ROOT).replaceAll("\\s+", "").startsWith("--liquibaseformattedsql");
    }

    /** Whether a file of a changelog's extension holds a changelog (not, say, a pom.xml or an application.yml). */
    private static boolean changelogFile(Path file) {
        return read(file).contains("databaseChangeLog");
    }

    private static String firstLine(Path file) {
        String text = read(file);
        String stripped = text.stripLeading();
        int end = stripped.indexOf('\n');
        return end < 0 ? stripped : stripped.substring(0, end);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (MalformedInputException e) {
            throw new ChangelogException("Cannot read " + file + ": it is not UTF-8 text. Save it as UTF-8.", e);
        } catch (IOException e) {
            throw new ChangelogException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
