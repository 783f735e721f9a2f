package io.sark.migrate.hibernate.mapping;

import io.sark.migrate.testing.Hibernate7Sample;
import org.hibernate.boot.model.naming.Identifier;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stand-in for Hibernate 7's snake-case naming (Spring Boot 4's default), held to the real one: Hibernate 7's
 * {@code PhysicalNamingStrategySnakeCaseImpl}, loaded from its own jar in a class loader of its own (it cannot sit beside
 * 6.6), names every name of a corpus as the stand-in does, where 6.6's CamelCaseToUnderscores differs too.
 */
class SnakeCaseNamingTest {

    /** Names as entities and fields have them: camel case, capitals together, digits, dots of embeddables, underscores, quoted. */
    private static final List<String> NAMES = List.of("firstName", "h5Html", "OrderID", "CustomerAccount", "address.zipCode",
            "already_snake", "URLValue", "myURL", "x", "X", "version2", "v2Api", "a1B2c3", "ABTest", "camelCase_withUnderscore",
            "Address.ZipCode", "ümlautName", "name_", "_leading", "HTTPServerError", "id", "ID", "createdAt", "e");

    @Test
    void namesAreSnakeCasedAsHibernate7DoesIt() throws Exception {
        try (URLClassLoader hibernate7 = new URLClassLoader(jars(), ClassLoader.getPlatformClassLoader())) {
            Class<?> identifier = hibernate7.loadClass("org.hibernate.boot.model.naming.Identifier");
            // the same identifier on both sides (Hibernate 7's toIdentifier quotes a dotted name before any strategy sees it)
            Constructor<?> newIdentifier = identifier.getConstructor(String.class, boolean.class);
            Method getText = identifier.getMethod("getText");
            Object strategy = hibernate7.loadClass("org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl")
                    .getConstructor().newInstance();
            Method toColumn = strategy.getClass().getMethod("toPhysicalColumnName", identifier,
                    hibernate7.loadClass("org.hibernate.engine.jdbc.env.spi.JdbcEnvironment"));

            List<String> differences = new ArrayList<>();
            for (String name : NAMES) {
                for (boolean quoted : List.of(false, true)) {
                    String real = (String) getText.invoke(toColumn.invoke(strategy, newIdentifier.newInstance(name, quoted), null));
                    String ours = SnakeCaseNaming.apply(new Identifier(name, quoted)).getText();
                    if (!real.equals(ours)) {
                        differences.add((quoted ? "\"" + name + "\"" : name) + ": Hibernate 7 " + real + ", the stand-in " + ours);
                    }
                }
            }
            assertThat(differences).as("names the stand-in spells otherwise than Hibernate 7").isEmpty();
        }
        assertThat(SnakeCaseNaming.apply(Identifier.toIdentifier("h5Html")).getText()).as("a digit before a capital").isEqualTo("h5_html");
    }

    /** Hibernate 7's jars, from the sample application's run-time class path. */
    private static URL[] jars() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (Path entry : Hibernate7Sample.classpath()) {
            urls.add(entry.toUri().toURL());
        }
        return urls.toArray(URL[]::new);
    }
}
