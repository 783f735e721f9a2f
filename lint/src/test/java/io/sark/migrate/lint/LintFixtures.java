package io.sark.migrate.lint;

import io.sark.migrate.engine.changelog.Changelog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A changelog to lint: a baseline revision that created {@code widgets} (id uuid key, name varchar(50), qty integer),
 * then the changesets under test as revision {@code next}, so widgets is an existing table.
 */
public final class LintFixtures {

    private LintFixtures() {
    }

    public static final String BASELINE = """
            databaseChangeLog:
              - changeSet:
                  id: base-1
                  author: t
                  comment: Table widgets.
                  changes:
                    - createTable:
                        tableName: widgets
                        columns:
                          - column: {name: id, type: uuid, constraints: {primaryKey: true, primaryKeyName: widgets_pkey, nullable: false}}
                          - column: {name: name, type: character varying(50)}
                          - column: {name: qty, type: integer}
                  rollback:
                    - dropTable: {tableName: widgets}
              - changeSet:
                  id: base-tag
                  author: t
                  comment: End of base.
                  changes:
                    - tagDatabase: {tag: baseline}
                  rollback: []
            """;

    public static String changeSet(String comment, String changes, String rollback) {
        return changeSet(comment, changes, rollback, "");
    }

    public static String changeSet(String comment, String changes, String rollback, String attributes) {
        return "  - changeSet:\n      id: next-1\n      author: t\n" + (comment == null ? "" : "      comment: \"" + comment + "\"\n")
                + attributes + "      changes:\n" + indent(changes) + "      rollback:\n" + indent(rollback);
    }

    private static String indent(String lines) {
        return lines.lines().map(l -> "        " + l + "\n").reduce("", String::concat);
    }

    public static final String SET_TIMEOUT = "- sql: {sql: SET lock_timeout = '5s'}\n";

    public static List<String> codes(LintReport report) {
        return report.findings().stream().map(Finding::code).toList();
    }

    public static LintReport lint(Path dir, String changeSets) throws IOException {
        return new Linter(RuleRegistry.standard(), Map.of()).lint(Changelog.inDirectory(write(dir, changeSets)), "next");
    }

    public static Path write(Path dir, String changeSets) throws IOException {
        Path changelog = Files.createDirectories(dir.resolve("db/changelog"));
        Files.writeString(changelog.resolve("db.changelog-master.yaml"), BASELINE + changeSets + """
                  - changeSet:
                      id: next-tag
                      author: t
                      comment: End of next.
                      changes:
                        - tagDatabase: {tag: next}
                      rollback: []
                """);
        return dir;
    }
}
