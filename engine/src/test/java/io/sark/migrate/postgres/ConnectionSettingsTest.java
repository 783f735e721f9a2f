package io.sark.migrate.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionSettingsTest {

    @Test
    void nothingConfiguredMeansTheEmbeddedDatabase() {
        assertThat(ConnectionSettings.resolve(null, null, Map.of())).isEmpty();
    }

    @Test
    void anyPostgresVariableConfiguresAServerWithSarksDefaults() {
        ConnectionSettings settings = ConnectionSettings.resolve(null, null, Map.of("POSTGRES_DB", "sark_test")).orElseThrow();

        assertThat(settings.url()).isEqualTo("jdbc:postgresql://localhost:5432/sark_test");
        assertThat(settings.user()).isEqualTo("sark");
        assertThat(settings.password()).isNull();
    }

    @Test
    void allFiveVariablesAsTheGuideSetsThem() {
        ConnectionSettings settings = ConnectionSettings.resolve(null, null, Map.of("POSTGRES_HOST", "db", "POSTGRES_PORT", "6543",
                "POSTGRES_DB", "sark", "POSTGRES_USER", "app", "POSTGRES_PASSWORD", "s3cret")).orElseThrow();

        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db:6543/sark");
        assertThat(settings.user()).isEqualTo("app");
        assertThat(settings.password()).isEqualTo("s3cret");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void aUrlTheDriverCannotReadIsAUsageErrorNamingWhatIsWrong() {
        ConnectionSettings settings = ConnectionSettings.resolve("jdbc:postgresql://127.0.0.1:99999/sark", null, Map.of()).orElseThrow();

        // It was exit 3, "Cannot reach PostgreSQL", as if the server were down.
        assertThatThrownBy(() -> settings.connect(Duration.ofSeconds(1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("port 99999 is not between 1 and 65535")
                .hasMessageContaining("jdbc:postgresql://HOST:PORT/DATABASE");
    }

    @Test
    void aHostThatDoesNotResolveIsSaidToBeUnknown() {
        ConnectionSettings settings = ConnectionSettings.resolve("jdbc:postgresql://nosuchhost.invalid:5432/sark", null, Map.of()).orElseThrow();

        assertThatThrownBy(() -> settings.connect(Duration.ofSeconds(2)))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("the host name nosuchhost.invalid does not resolve (DNS)");
    }

    @Test
    void theUrlWinsOverVariablesAndAPasswordFileOverBoth(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("pw"), "from-file\nsecond line ignored\n");

        ConnectionSettings settings = ConnectionSettings.resolve("jdbc:postgresql://h/db?user=u&password=in-url", file,
                Map.of("POSTGRES_HOST", "ignored", "POSTGRES_PASSWORD", "from-env")).orElseThrow();

        assertThat(settings.url()).startsWith("jdbc:postgresql://h/db");
        assertThat(settings.password()).isEqualTo("from-file");
        assertThat(settings.effectiveUser()).isEqualTo("u");
        assertThat(settings.url()).isEqualTo("jdbc:postgresql://h/db?user=u");
    }

    @Test
    void theUrlsPasswordWinsOverTheEnvironmentsAndNoneStaysInTheUrl() {
        ConnectionSettings settings = ConnectionSettings.resolve("jdbc:postgresql://u:in%2Furl@h/db?sslpassword=key", null,
                Map.of("SARK_MIGRATE_PASSWORD", "from-env", "SARK_MIGRATE_SSLPASSWORD", "env-key")).orElseThrow();

        assertThat(settings).isEqualTo(new ConnectionSettings("jdbc:postgresql://h/db?user=u", null, "in/url", "key"));
        assertThat(settings.toString()).doesNotContain("in/url").doesNotContain("key,").doesNotContain("=key");
        assertThat(ConnectionSettings.resolve("jdbc:postgresql://h/db", null,
                Map.of("SARK_MIGRATE_PASSWORD", "from-env", "SARK_MIGRATE_SSLPASSWORD", "env-key")).orElseThrow())
                .isEqualTo(new ConnectionSettings("jdbc:postgresql://h/db", null, "from-env", "env-key"));
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> ConnectionSettings.resolve("mysql://h/db", null, Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("PostgreSQL URL");
        assertThatThrownBy(() -> ConnectionSettings.resolve(null, Path.of("pw"), Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("no database");
        assertThatThrownBy(() -> ConnectionSettings.resolve("jdbc:postgresql://h/db?password=x&user=y", null, Map.of()).orElseThrow()
                .connect(java.time.Duration.ofSeconds(1)))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageNotContaining("password=x");
    }
}
