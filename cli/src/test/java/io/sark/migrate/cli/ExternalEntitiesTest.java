package io.sark.migrate.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Another project's entities, compiled outside sark-migrate's class path (here, by this test, into a temporary
 * folder and a jar): --classpath finds them, --entities-package finds the mapped classes in a package (an entity, the
 * mapped superclass it extends, the embeddable it holds; not the plain class beside them).
 */
class ExternalEntitiesTest {

    @TempDir
    Path dir;

    private Path classes;
    private String root;

    @BeforeEach
    void aProjectCompiledElsewhere() throws Exception {
        classes = Files.createDirectories(dir.resolve("classes"));
        compileShop(dir, classes);
        assertThatThrownBy(() -> Class.forName("com.example.shop.ShopOrder")).isInstanceOf(ClassNotFoundException.class);

        Path changelog = Files.createDirectories(dir.resolve("changelog/db/changelog"));
        Files.writeString(changelog.resolve("db.changelog-master.yaml"), "databaseChangeLog: []\n");
        root = dir.resolve("changelog").toString();
    }

    /**
     * The shop, a project outside sark-migrate's class path: an entity, the mapped superclass it extends, the embeddable
     * it holds, and a plain class whose initialiser throws; its sources in {@code dir}/src, compiled into {@code classes}.
     */
    static void compileShop(Path dir, Path classes) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/com/example/shop"));
        Files.writeString(sources.resolve("Audited.java"), """
                package com.example.shop;
                @jakarta.persistence.MappedSuperclass
                public abstract class Audited {
                    java.time.Instant createdAt;
                }
                """);
        Files.writeString(sources.resolve("Money.java"), """
                package com.example.shop;
                @jakarta.persistence.Embeddable
                public class Money {
                    long cents;
                    String currency;
                }
                """);
        Files.writeString(sources.resolve("ShopOrder.java"), """
                package com.example.shop;
                @jakarta.persistence.Entity
                @jakarta.persistence.Table(name = "shop_orders")
                public class ShopOrder extends Audited {
                    @jakarta.persistence.Id Long id;
                    String reference;
                    Money total;
                }
                """);
        Files.writeString(sources.resolve("Prices.java"), """
                package com.example.shop;
                public final class Prices {
                    static { if (true) throw new IllegalStateException("never initialised"); }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.list(sources)) {
            files.forEach(f -> args.add(f.toString()));
        }
        assertThat(javac.run(null, OutputStream.nullOutputStream(), System.err, args.toArray(String[]::new))).isZero();
    }

    @Test
    void aPackageOfAnotherProjectsClassFolderIsCompared() {
        Cli.Run check = new Cli(dir).run("check", "--classpath", classes.toString(), "--entities-package", "com.example.shop",
                "--changelog-root", root);

        assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(check.out()).contains("  - Create table shop_orders.").doesNotContain("prices");
    }

    /** '*' (the Maven plugin's default): every mapped class the project compiled, whatever its package; not a library's. */
    @Test
    void everyMappedClassOfTheClassFoldersIsComparedWithAStar() throws Exception {
        Cli.Run check = new Cli(dir).run("check", "--classpath", classes.toString(), "--entities-package", "*", "--changelog-root", root);

        assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(check.out()).contains("  - Create table shop_orders.");

        Path jar = dir.resolve("only.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/MANIFEST.MF"));
            out.closeEntry();
        }
        Cli.Run noFolder = new Cli(dir).run("check", "--classpath", jar.toString(), "--entities-package", "*", "--changelog-root", root);
        assertThat(noFolder.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFolder.err()).contains("--entities-package *: no @Entity, @Embeddable or @MappedSuperclass class in the class folders"
                + " of --classpath (it names none: give the project's compiled classes, e.g. target/classes)").doesNotContain("\tat ");
    }

    @Test
    void theFirstRevisionOfAnEmptyChangelogIsPreviewed() {
        Cli.Run preview = new Cli(dir).run("revision", "-m", "shop", "--autogenerate", "--sql", "--classpath", classes.toString(),
                "--entities-package", "com.example.shop", "--changelog-root", root);

        assertThat(preview.exitCode()).as(preview.out() + preview.err()).isZero();
        assertThat(preview.out()).contains("CREATE TABLE public.shop_orders (id BIGINT NOT NULL, createdat TIMESTAMP with time zone,"
                + " reference VARCHAR(255), cents BIGINT, currency VARCHAR(255)");
    }

    @Test
    void aJarWorksAsAClassFolderDoes() throws Exception {
        Path jar = dir.resolve("shop.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }

        Cli.Run byName = new Cli(dir).run("check", "--classpath", jar.toString(), "--entities", "com.example.shop.ShopOrder",
                "--changelog-root", root, "--json");
        Cli.Run byPackage = new Cli(dir).run("check", "--classpath", jar.toString(), "--entities-package", "com.example.shop",
                "--changelog-root", root, "--json");

        for (Cli.Run check : List.of(byName, byPackage)) {
            assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(ExitCodes.FAILED);
            assertThat(check.out()).contains("Create table shop_orders.");
        }
    }

    /**
     * A package's classes that JPA does not map (a controller whose superclass lives in a jar not on --classpath, as a
     * web framework's would) are not loaded: their class files' annotations say they are not entities. Before, the
     * whole application's runtime class path had to be found by hand.
     */
    @Test
    void classesThatAreNotEntitiesAreNotLoaded() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("more/com/example"));
        Files.createDirectories(sources.resolve("web"));
        Files.createDirectories(sources.resolve("shop"));
        Files.writeString(sources.resolve("web/Controller.java"), "package com.example.web; public abstract class Controller { }\n");
        Files.writeString(sources.resolve("shop/ShopController.java"),
                "package com.example.shop; public class ShopController extends com.example.web.Controller { }\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, OutputStream.nullOutputStream(), System.err, "-d", classes.toString(),
                sources.resolve("web/Controller.java").toString(), sources.resolve("shop/ShopController.java").toString())).isZero();
        Files.delete(classes.resolve("com/example/web/Controller.class"));

        Cli.Run check = new Cli(dir).run("check", "--classpath", classes.toString(), "--entities-package", "com.example.shop",
                "--changelog-root", root);

        assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(check.out()).contains("  - Create table shop_orders.");
    }

    /**
     * A class compiled for a newer Java than the one sark-migrate runs on (here, its class file's major version raised
     * by 4) names the JDK it needs, not the class path, whether named or found in a package.
     */
    @Test
    void aClassCompiledForANewerJavaNamesTheJdkItNeeds() throws Exception {
        Path file = classes.resolve("com/example/shop/ShopOrder.class");
        byte[] bytes = Files.readAllBytes(file);
        int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
        int newer = Runtime.version().feature() + 44 + 4;
        bytes[6] = (byte) (newer >> 8);
        bytes[7] = (byte) newer;
        Files.write(file, bytes);
        assertThat(major).as("compiled for the running JDK").isEqualTo(Runtime.version().feature() + 44);

        Cli.Run byName = new Cli(dir).run("check", "--classpath", classes.toString(), "--entities", "com.example.shop.ShopOrder",
                "--changelog-root", root);
        Cli.Run byPackage = new Cli(dir).run("check", "--classpath", classes.toString(), "--entities-package", "com.example.shop",
                "--changelog-root", root);

        String needs = "class com.example.shop.ShopOrder was compiled for Java " + (Runtime.version().feature() + 4)
                + ", and sark-migrate runs on Java " + Runtime.version().feature() + ": run it with JDK " + (Runtime.version().feature() + 4)
                + " or newer (JAVA_HOME).";
        assertThat(byName.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(byName.err()).contains("--entities: " + needs);
        assertThat(byPackage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(byPackage.errorLines()).isOne();
        assertThat(byPackage.err()).contains("--entities-package: " + needs);
    }

    /**
     * Another project's entities with no changelog given, outside SARK's checkout: refused in one line, naming what to
     * pass. Before, check compared them with SARK's built-in changelog and advised "upgrade it first", which would have
     * made SARK's nine tables in that project's database.
     */
    @Test
    void anotherProjectsEntitiesWithoutAChangelogAreRefusedNotComparedWithSarks() {
        for (String command : List.of("check", "revision")) {
            List<String> args = new java.util.ArrayList<>(command.equals("revision") ? List.of("revision", "-m", "shop", "--autogenerate") : List.of("check"));
            args.addAll(List.of("--classpath", classes.toString(), "--entities-package", "com.example.shop"));
            Cli.Run run = new Cli(dir).run(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.errorLines()).isOne();
            assertThat(run.err()).contains("The entities are another project's, and no changelog was given", "--changelog-root DIR");
        }
    }

    @Test
    void whatCannotBeFoundIsSaidInOneLine() {
        Cli.Run missingPath = new Cli(dir).run("check", "--classpath", dir.resolve("nowhere").toString(), "--entities-package", "com.example.shop",
                "--changelog-root", root);
        Cli.Run emptyPackage = new Cli(dir).run("check", "--classpath", classes.toString(), "--entities-package", "com.example.nothing",
                "--changelog-root", root);

        assertThat(missingPath.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missingPath.err()).contains("--classpath: " + dir.resolve("nowhere") + " is neither a class folder nor a .jar file.")
                .doesNotContain("\tat ");
        assertThat(emptyPackage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(emptyPackage.err()).contains("--entities-package: no @Entity, @Embeddable or @MappedSuperclass class in package"
                + " com.example.nothing").doesNotContain("\tat ");
    }
}
