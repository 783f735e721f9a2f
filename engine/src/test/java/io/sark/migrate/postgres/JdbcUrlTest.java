package io.sark.migrate.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcUrlTest {

    @Test
    void userInfoBecomesAUserParameterAndThePasswordLeavesTheUrl() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://bob:S3CRET@db.example.com:5432/sark?sslmode=require");

        assertThat(url.url()).isEqualTo("jdbc:postgresql://db.example.com:5432/sark?user=bob&sslmode=require");
        assertThat(url.password()).isEqualTo("S3CRET");
        assertThat(url.sslPassword()).isNull();
    }

    @Test
    void libpqUrlsAreReadAsTheyAreWritten() {
        assertThat(JdbcUrl.parse("postgresql://app:p%40ss+word@h/db")).isEqualTo(new JdbcUrl("jdbc:postgresql://h/db?user=app", "p@ss+word", null));
        assertThat(JdbcUrl.parse("postgres://h:6543/db")).isEqualTo(new JdbcUrl("jdbc:postgresql://h:6543/db", null, null));
        assertThat(JdbcUrl.parse("jdbc:postgresql://al%20ice@h/db").url()).isEqualTo("jdbc:postgresql://h/db?user=al+ice");
    }

    @Test
    void anUnencodedAtOrQuestionMarkStaysInThePassword() {
        assertThat(JdbcUrl.parse("jdbc:postgresql://u:p@ss?w@h/db").password()).isEqualTo("p@ss?w");
        assertThat(JdbcUrl.parse("jdbc:postgresql://u:p@ss?w@h/db").url()).isEqualTo("jdbc:postgresql://h/db?user=u");
    }

    @Test
    void passwordParametersLeaveTheUrlAndOtherParametersStay() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://h/db?user=u&password=a%26b&sslpassword=k&ssl=true");

        assertThat(url).isEqualTo(new JdbcUrl("jdbc:postgresql://h/db?user=u&ssl=true", "a&b", "k"));
    }

    @Test
    void anAtInAParameterIsNoUserInfo() {
        assertThat(JdbcUrl.parse("jdbc:postgresql://h/db?user=a@b.com")).isEqualTo(new JdbcUrl("jdbc:postgresql://h/db?user=a@b.com", null, null));
        assertThat(JdbcUrl.parse("jdbc:postgresql://h:5/db?user=a@b.com").url()).isEqualTo("jdbc:postgresql://h:5/db?user=a@b.com");
    }

    @Test
    void anUnencodedSlashInThePasswordIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> JdbcUrl.parse("jdbc:postgresql://u:pa/SENTINEL@h/db"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("%2F").hasMessageNotContaining("SENTINEL");
    }

    @Test
    void anythingElseIsRefusedRedacted() {
        assertThatThrownBy(() -> JdbcUrl.parse("mysql://u:SENTINEL@h/db"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("PostgreSQL URL").hasMessageNotContaining("SENTINEL");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql://bob:SENTINEL@127.0.0.1:5/db",
            "Caused by: java.net.UnknownHostException: x://bob:SENTINEL@127.0.0.1",
            "postgres://bob:SEN@TINEL@h/db and more",
            "'jdbc:postgresql://h/db?user=u&password=SENTINEL&x=1'",
            "jdbc:postgresql://h/db?sslpassword=SENTINEL",
            "{\"url\":\"postgresql://u:SENTINEL@h/db\"}",
    })
    void redactionHidesEveryForm(String text) {
        assertThat(JdbcUrl.redact(text)).doesNotContain("SENTINEL").doesNotContain("TINEL").contains("***");
    }

    @Test
    void redactionKeepsWhatIsNoSecret() {
        String text = "Cannot reach PostgreSQL at jdbc:postgresql://h:5432/db?user=u (Connection to h:5432 refused.)";

        assertThat(JdbcUrl.redact(text)).isEqualTo(text);
    }

    @Test
    void whereAUrlPointsIsReadFromIt() {
        assertThat(JdbcUrl.address("jdbc:postgresql://db.example.com:6432/sark?user=sark")).contains(
                new JdbcUrl.Address("db.example.com", 6432, "sark", "db.example.com:6432/sark"));
        assertThat(JdbcUrl.address("jdbc:postgresql://db/sark")).contains(new JdbcUrl.Address("db", 5432, "sark", "db/sark"));
        assertThat(JdbcUrl.address("jdbc:postgresql://[::1]:5433/sark")).contains(new JdbcUrl.Address("[::1]", 5433, "sark", "[::1]:5433/sark"));
        assertThat(JdbcUrl.address("jdbc:postgresql://a:5432,b:5433/sark?targetServerType=primary"))
                .contains(new JdbcUrl.Address("a", 5432, "sark", "a:5432,b:5433/sark"));
        assertThat(JdbcUrl.parse("postgresql://u:secret@db:5444/app").address()).contains(new JdbcUrl.Address("db", 5444, "app", "db:5444/app"));
        assertThat(JdbcUrl.address("jdbc:postgresql:sark")).as("pgjdbc's short form names no host").isEmpty();
        assertThat(JdbcUrl.address("jdbc:postgresql://db:port/sark")).isEmpty();
    }
}
