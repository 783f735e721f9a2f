package io.sark.migrate.hibernate;

import io.sark.migrate.model.SarkEntities;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entities' model and schema are kept between runs under a key of the bytes of their classes (and of the classes
 * those name), the settings and sark-migrate's build: a change to any of them reads the entities again (issue 36).
 */
@ExtendWith(FreshDatabase.class)
class EntityCacheTest {

    @TempDir
    Path dir;
    private String before;

    @BeforeEach
    void ownCacheFolder() {
        before = System.getProperty("sark.migrate.entity-cache-dir");
        System.setProperty("sark.migrate.entity-cache-dir", dir.resolve("cache").toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("sark.migrate.entity-cache-dir");
        } else {
            System.setProperty("sark.migrate.entity-cache-dir", before);
        }
    }

    @Test
    void theKeyFollowsTheBytesOfTheClassesAnEntityNamesAndTheSettings() throws Exception {
        Class<?> first = compile("one", "public enum Level { LOW, HIGH }");
        Class<?> same = compile("two", "public enum Level { LOW, HIGH }");
        Class<?> moreLevels = compile("three", "public enum Level { LOW, MEDIUM, HIGH }");
        assertThat(bytesOf(first)).as("the entity's own class file is the same in all three").isEqualTo(bytesOf(moreLevels));

        String key = EntityCache.key(List.of(first), HibernateSettings.none()).orElseThrow();
        assertThat(EntityCache.key(List.of(same), HibernateSettings.none())).contains(key);
        assertThat(EntityCache.key(List.of(moreLevels), HibernateSettings.none())).as("an enum it names changed").isPresent().get().isNotEqualTo(key);
        assertThat(EntityCache.key(List.of(first), new HibernateSettings(Map.of("hibernate.default_schema", "public"))))
                .as("other settings").isPresent().get().isNotEqualTo(key);
        assertThat(EntityCache.classBytes(List.of(first))).containsOnlyKeys("com/example/Gadget", "com/example/Level");
    }

    @Test
    void aKeptModelAndSchemaAreReadInsteadOfHibernateAndPostgresql(TestDatabase db) throws Exception {
        List<Class<?>> sark = SarkEntities.ALL;
        Optional<String> key = EntityCache.key(sark, HibernateSettings.none());
        assertThat(key).isPresent();
        EntityModel read = EntityCache.model(key, sark, HibernateSettings.none());

        // Under the same key, other entities get the kept model: Hibernate did not read them.
        Class<?> gadget = compile("four", "public enum Level { LOW, HIGH }");
        EntityModel kept = EntityCache.model(key, List.of(gadget), HibernateSettings.none());
        assertThat(kept).isNotSameAs(read);
        assertThat(kept.ddl()).isEqualTo(read.ddl());
        assertThat(kept.tables()).isEqualTo(read.tables());
        assertThat(kept.hypertables()).isEqualTo(read.hypertables());
        assertThat(kept.renames()).isEqualTo(read.renames());

        AtomicInteger builds = new AtomicInteger();
        try (Connection c = db.connect()) {
            Schema built = EntityCache.schema(key, c, () -> {
                builds.incrementAndGet();
                return EntitySchemaReader.read(read, c);
            });
            Schema again = EntityCache.schema(key, c, () -> {
                builds.incrementAndGet();
                return EntitySchemaReader.read(read, c);
            });
            assertThat(builds).as("builds in PostgreSQL").hasValue(1);
            assertThat(again).isNotSameAs(built).isEqualTo(built);
            assertThat(again.tables()).containsKeys("users", "audit_events");

            try (var s = c.createStatement()) {
                s.execute("CREATE TYPE mood AS ENUM ('calm')"); // a type of public the DDL could name: the build depends on it
            }
            EntityCache.schema(key, c, () -> {
                builds.incrementAndGet();
                return built;
            });
            assertThat(builds).as("builds after public gained a type").hasValue(2);
        }
    }

    @Test
    void aDamagedEntryIsReadAgainAndWrittenOver() throws Exception {
        Optional<String> key = EntityCache.key(SarkEntities.ALL, HibernateSettings.none());
        EntityModel read = EntityCache.model(key, SarkEntities.ALL, HibernateSettings.none());
        Path entry = dir.resolve("cache").resolve(key.orElseThrow() + ".model");
        Files.write(entry, new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 1, 2, 3});

        assertThat(EntityCache.model(key, SarkEntities.ALL, HibernateSettings.none()).ddl()).isEqualTo(read.ddl());
        assertThat(Files.size(entry)).as("written over").isGreaterThan(7);
    }

    @Test
    void offMeansNoKeyAndSoNoCache() throws Exception {
        Class<?> gadget = compile("five", "public enum Level { LOW, HIGH }");
        System.setProperty("sark.migrate.entity-cache-dir", "off");

        assertThat(EntityCache.key(List.of(gadget), HibernateSettings.none())).isEmpty();
        EntityCache.model(Optional.of("forced"), SarkEntities.ALL, HibernateSettings.none());
        assertThat(dir.resolve("cache")).doesNotExist();
    }

    /** Compiles entity {@code com.example.Gadget} and enum {@code com.example.Level} into a class folder of their own, loaded apart. */
    private Class<?> compile(String name, String level) throws Exception {
        Path sources = Files.createDirectories(dir.resolve(name + "/src/com/example"));
        Files.writeString(sources.resolve("Level.java"), "package com.example;\n" + level + "\n");
        Files.writeString(sources.resolve("Gadget.java"), """
                package com.example;
                @jakarta.persistence.Entity
                @jakarta.persistence.Table(name = "gadgets")
                public class Gadget {
                    @jakarta.persistence.Id java.util.UUID id;
                    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING) Level level;
                }
                """);
        Path classes = Files.createDirectories(dir.resolve(name + "/classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, OutputStream.nullOutputStream(), System.err, "-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path"), "-proc:none", sources.resolve("Level.java").toString(),
                sources.resolve("Gadget.java").toString())).isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        return loader.loadClass("com.example.Gadget");
    }

    private static byte[] bytesOf(Class<?> type) throws Exception {
        try (var in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
