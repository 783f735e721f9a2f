package io.sark.migrate.hibernate;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.errors.SarkMigrateException;
import io.sark.migrate.generate.Autogenerate;
import io.sark.migrate.model.SarkEntities;
import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.testing.Hibernate7Sample;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An application on Hibernate 7 (module hibernate7-sample, as Spring Boot 4 runs it) has its entities turned into DDL
 * by its own Hibernate, in a class loader of their own, where sark-migrate's Hibernate 6.6 cannot read them at all.
 */
class ApplicationHibernateTest {

    private static final String PACKAGE = "com.example.library";

    @Test
    void anApplicationsOwnHibernate7ReadsItsEntities() {
        List<Path> classpath = Hibernate7Sample.classpath();
        assertThat(ApplicationHibernate.carriedBy(classpath)).isTrue();
        assertThat(ApplicationHibernate.carriedBy(classpath.subList(0, 1))).as("the classes alone").isFalse();
        ClassLoader loader = EntityClasses.loader(classpath, getClass().getClassLoader());
        List<Class<?>> entities = EntityClasses.inPackage(PACKAGE, classpath, loader);

        assertThat(entities).extracting(Class::getSimpleName).containsExactlyInAnyOrder("Author", "Book", "Place");
        assertThat(MappingReader.of(entities).hibernateVersion()).startsWith("7.4.");
        assertThat(MappingReader.of(List.of(String.class)).hibernateVersion()).as("sark-migrate's own").startsWith("6.6.");

        EntityModel model = EntityModel.read(entities, HibernateSettings.fromSpringBoot(Hibernate7Sample.applicationProperties()));
        String ddl = String.join("\n", model.ddl());
        assertThat(ddl).as("Hibernate 7's snake case, @EmbeddedColumnNaming and JPA 3.2's comments")
                .contains("isbn_code", "published_on", "shelf_room", "store_bay", "comment on table book is 'Books on the shelves'",
                        "comment on column book.title is 'As printed on the cover'");
    }

    /**
     * An application on Hibernate 6.6 is read by its own 6.6 in the same way: SARK's entities, loaded from a class path
     * that carries Hibernate (this test's own), give in their own class loader exactly the DDL sark-migrate's gives.
     */
    @Test
    void anApplicationsOwnHibernate66ReadsItsEntitiesAsSarkMigratesDoes() throws Exception {
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList();
        ClassLoader loader = EntityClasses.loader(classpath, getClass().getClassLoader());
        assertThat(ApplicationHibernate.isOne(loader)).isTrue();
        List<Class<?>> entities = new ArrayList<>();
        for (Class<?> entity : SarkEntities.ALL) {
            entities.add(Class.forName(entity.getName(), false, loader));
        }

        assertThat(entities.get(0)).isNotSameAs(SarkEntities.ALL.get(0));
        assertThat(MappingReader.of(entities).hibernateVersion()).startsWith("6.6.");
        assertThat(EntityModel.read(entities).ddl()).isEqualTo(EntityModel.read(SarkEntities.ALL).ddl());
    }

    @Test
    void sarkMigratesOwnHibernateReadsThemWrong() throws Exception {
        // What happened before: the application's classes in front of sark-migrate's Hibernate 6.6, which knows neither
        // @EmbeddedColumnNaming nor JPA 3.2's comments: another schema than the application's, without a word.
        URL classes = Hibernate7Sample.classpath().get(0).toUri().toURL();
        try (URLClassLoader parentFirst = new URLClassLoader(new URL[] {classes}, getClass().getClassLoader())) {
            List<Class<?>> entities = List.of(parentFirst.loadClass(PACKAGE + ".Author"), parentFirst.loadClass(PACKAGE + ".Book"),
                    parentFirst.loadClass(PACKAGE + ".Place"));
            Thread thread = Thread.currentThread();
            ClassLoader context = thread.getContextClassLoader();
            thread.setContextClassLoader(parentFirst); // as the command line sets it
            try {
                String ddl = String.join("\n", EntityModel.read(entities).ddl());
                assertThat(ddl).as("one room for both places").contains("create table Book", " room varchar(255)")
                        .doesNotContain("shelf_room", "Books on the shelves");
            } finally {
                thread.setContextClassLoader(context);
            }
        }
    }

    @Test
    void anIncompleteApplicationClassPathIsOneUsageLine() {
        List<Path> classpath = Hibernate7Sample.classpath();
        // the classes, JPA and Hibernate 7's core jar, without what Hibernate needs to start
        List<Path> partial = classpath.stream().filter(p -> p.equals(classpath.get(0)) || p.getFileName().toString().startsWith("hibernate-core")
                || p.getFileName().toString().startsWith("jakarta.persistence")).toList();
        ClassLoader loader = EntityClasses.loader(partial, getClass().getClassLoader());
        List<Class<?>> entities = EntityClasses.inPackage(PACKAGE, partial, loader);

        assertThatThrownBy(() -> EntityModel.read(entities)).isInstanceOf(ApplicationHibernate.Incomplete.class)
                .satisfies(e -> assertThat(((SarkMigrateException) e).kind()).isEqualTo(SarkMigrateException.Kind.USAGE))
                .hasMessageStartingWith("The application's Hibernate on --classpath cannot run: NoClassDefFoundError ")
                .hasMessageEndingWith("Give its whole run-time class path (for a Maven project: mvn dependency:build-classpath).");
    }

    /**
     * The generator's promise on Hibernate 7: the revision written from its DDL, applied, leaves nothing to compare,
     * and Hibernate 7 validates the database, persists and reloads every entity.
     */
    @Test
    void aRevisionFromHibernate7sSchemaSatisfiesHibernate7(@TempDir Path project) throws Exception {
        List<Path> classpath = Hibernate7Sample.classpath();
        ClassLoader loader = EntityClasses.loader(classpath, getClass().getClassLoader());
        List<Class<?>> entities = EntityClasses.inPackage(PACKAGE, classpath, loader);
        HibernateSettings spring = HibernateSettings.fromSpringBoot(Hibernate7Sample.applicationProperties());
        Path master = project.resolve("db.changelog-master.yaml");
        Files.writeString(master, "databaseChangeLog: []\n");

        try (TestDatabase db = TestPostgres.freshDatabase()) {
            ConnectionSettings settings = ConnectionSettings.resolve(db.jdbcUrl(), null, Map.of()).orElseThrow();
            try (Autogenerate.Result first = Autogenerate.of(entities, Changelog.ofFile(master, project)).settings(spring)
                    .against(Autogenerate.Current.database(settings, Duration.ofSeconds(10))).compare()) {
                assertThat(first.changes()).extracting(SchemaChange::describe).contains("Create table author.",
                        "Create table book, with CHECK constraint book_format_check (format IN ('HARDCOVER', 'PAPERBACK', 'EBOOK')).");
                first.write("library", "a test", first.changes());
            }
            try (Migrator migrator = Migrator.open(db.connect(), Changelog.ofFile(master, project))) {
                migrator.upgradeToHead();
            }
            try (Autogenerate.Result again = Autogenerate.of(entities, Changelog.ofFile(master, project)).settings(spring)
                    .against(Autogenerate.Current.database(settings, Duration.ofSeconds(10))).compare()) {
                assertThat(again.changes()).extracting(SchemaChange::describe).isEmpty();
            }
            Hibernate7Sample.oracle(db, Hibernate7Sample.entities(), spring.properties(), true);
        }
    }
}
