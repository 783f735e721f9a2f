package io.sark.migrate.cli;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Class-data sharing (JDK 17) and the ahead-of-time cache (JDK 25) leave out classes older than Java 6's class file
 * format, so every class a command loads at start-up must be newer: picocli's published jar is Java 5 bytecode, and
 * sark-migrate uses it compiled for Java 17 (module picocli-java17).
 */
class StartupCachesTest {

    @Test
    void picocliIsOfAClassFileVersionTheStartupCachesHold() throws Exception {
        try (InputStream in = picocli.CommandLine.class.getResourceAsStream("CommandLine.class");
             DataInputStream data = new DataInputStream(in)) {
            assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
            data.readUnsignedShort(); // minor
            assertThat(data.readUnsignedShort()).as("class file major version (50 is Java 6)").isGreaterThanOrEqualTo(61);
        }
    }
}
