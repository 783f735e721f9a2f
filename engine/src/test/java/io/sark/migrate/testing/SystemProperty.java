package io.sark.migrate.testing;

/**
 * A system property set for the length of a try-with-resources block, and put back as it was (or cleared) after:
 * {@code try (var dir = SystemProperty.set("sark.migrate.changelog-index-dir", path)) { ... }}.
 */
public final class SystemProperty implements AutoCloseable {

    private final String name;
    private final String before;

    private SystemProperty(String name, String value) {
        this.name = name;
        this.before = System.getProperty(name);
        System.setProperty(name, value);
    }

    public static SystemProperty set(String name, String value) {
        return new SystemProperty(name, value);
    }

    @Override
    public void close() {
        if (before == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, before);
        }
    }
}
