package io.sark.migrate.postgres;

import org.postgresql.Driver;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How to reach a configured PostgreSQL server: a JDBC URL, or SARK's {@code POSTGRES_*} variables, with the password
 * from a file, the URL or the environment. The URL it holds never carries a secret: whatever form it was given in
 * ({@code //user:secret@host}, {@code password=}, {@code sslpassword=}), the secrets are taken out into their own
 * fields when it is made, and reach the driver only as properties. So its URL can be shown, logged or put on a
 * command line; its {@link #toString()} shows no secret either.
 *
 * @param url         the JDBC URL, without secrets (it may carry a {@code user} parameter)
 * @param user        the user, or null to leave it to the URL
 * @param password    the password, or null for none
 * @param sslPassword the password of the client's SSL key, or null for none
 */
public record ConnectionSettings(String url, String user, String password, String sslPassword) {

    /** Takes the secrets out of {@code url}; a secret given outside it wins over the URL's. */
    public ConnectionSettings {
        JdbcUrl parsed = JdbcUrl.parse(url);
        url = parsed.url();
        password = password != null ? password : parsed.password();
        sslPassword = sslPassword != null ? sslPassword : parsed.sslPassword();
    }

    public ConnectionSettings(String url, String user, String password) {
        this(url, user, password, null);
    }

    /** The variables SARK's deployments set; any one of them means a database is configured. */
    public static final String HOST = "POSTGRES_HOST";
    public static final String PORT = "POSTGRES_PORT";
    public static final String DB = "POSTGRES_DB";
    public static final String USER = "POSTGRES_USER";
    public static final String PASSWORD = "POSTGRES_PASSWORD";
    /** The password for --url, from the environment (a deploy's secret, or what {@code --targets} hands each target). */
    public static final String URL_PASSWORD = "SARK_MIGRATE_PASSWORD";
    /** The password of the client's SSL key, from the environment (what {@code --targets} hands a target whose URL had one). */
    public static final String URL_SSL_PASSWORD = "SARK_MIGRATE_SSLPASSWORD";

    /** The {@code application_name} of every session sark-migrate opens, so that its sessions can be recognised. */
    public static final String APPLICATION_NAME = applicationName();

    private static final Pattern USER_PARAMETER = Pattern.compile("(?i)[?&]user=([^&]*)");

    /**
     * The configured server, if any: {@code --url} first, else the {@code POSTGRES_*} variables (host localhost,
     * port 5432, database and user {@code sark} unless set); empty when neither is given. The password is the
     * password file's, else the URL's, else the environment's ({@code SARK_MIGRATE_PASSWORD} for --url,
     * {@code POSTGRES_PASSWORD} for the variables).
     */
    public static Optional<ConnectionSettings> resolve(String urlOption, Path passwordFile, Map<String, String> env) {
        boolean variables = Stream.of(HOST, PORT, DB, USER, PASSWORD).anyMatch(k -> env.get(k) != null && !env.get(k).isEmpty());
        if (urlOption == null && !variables) {
            if (passwordFile != null) {
                throw new ConfigurationException("--password-file was given but no database: set --url or POSTGRES_HOST.");
            }
            return Optional.empty();
        }
        String password = passwordFile == null ? null : readPasswordFile(passwordFile);
        if (urlOption != null) {
            JdbcUrl url = JdbcUrl.parse(urlOption);
            return Optional.of(new ConnectionSettings(url.url(), null,
                    password != null ? password : url.password() != null ? url.password() : blankToNull(env.get(URL_PASSWORD)),
                    url.sslPassword() != null ? url.sslPassword() : blankToNull(env.get(URL_SSL_PASSWORD))));
        }
        String port = env.getOrDefault(PORT, "5432");
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new ConfigurationException(PORT + " must be a port number from 1 to 65535, not '" + port + "'.");
        }
        String url = "jdbc:postgresql://" + env.getOrDefault(HOST, "localhost") + ":" + port + "/" + env.getOrDefault(DB, "sark");
        return Optional.of(new ConnectionSettings(url, env.getOrDefault(USER, "sark"),
                password != null ? password : env.get(PASSWORD)));
    }

    /** "sark-migrate pid 4242 on build-7": the process and machine, within PostgreSQL's 63 characters. */
    private static String applicationName() {
        String name = "sark-migrate pid " + ProcessHandle.current().pid();
        String host; // read without a DNS lookup, which can take seconds on a badly configured machine
        try {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            host = System.getenv().getOrDefault("HOSTNAME", System.getenv().getOrDefault("COMPUTERNAME", ""));
        }
        name = host.isEmpty() ? name : name + " on " + host;
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** The first line of a password file; a file that cannot be read is a usage error saying so. */
    public static String readPasswordFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the password file " + file + " (" + IoErrors.describe(e)
                    + "). Give a readable file whose first line is the password.", e);
        }
    }

    /** The URL, to show: it holds no secret, and is redacted all the same. */
    public String redactedUrl() {
        return redact(url);
    }

    /** {@code text} with any credential a URL can carry replaced by {@code ***} (see {@link JdbcUrl#redact}). */
    public static String redact(String text) {
        return JdbcUrl.redact(text);
    }

    /** The user the session logs in as, for messages. */
    public String effectiveUser() {
        if (user != null) {
            return user;
        }
        Matcher m = USER_PARAMETER.matcher(url);
        return m.find() ? m.group(1) : System.getProperty("user.name");
    }

    /** Opens a session, turning the driver's failures into messages that say what to check. */
    public Connection connect(Duration connectTimeout) {
        refuseUnreadableUrl();
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        if (sslPassword != null) {
            properties.setProperty("sslpassword", sslPassword);
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("connectTimeout", String.valueOf(Math.max(1, connectTimeout.toSeconds())));
        properties.setProperty("loginTimeout", String.valueOf(Math.max(1, connectTimeout.toSeconds())));
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * A URL the driver cannot read is the user's to fix, not a server that cannot be reached: a usage error, saying what
     * is wrong where it can tell (a port out of range) and how the URL is written.
     */
    private void refuseUnreadableUrl() {
        if (Driver.parseURL(url, null) != null) {
            return;
        }
        String why = JdbcUrl.address(url).filter(a -> a.port() < 1 || a.port() > 65535)
                .map(a -> ": its port " + a.port() + " is not between 1 and 65535").orElse("");
        throw new ConfigurationException("The URL " + redactedUrl() + " is not one the PostgreSQL driver can read" + why
                + ". Write it as jdbc:postgresql://HOST:PORT/DATABASE (the port may be left out: 5432), with settings after a ?.");
    }

    private DatabaseUnavailableException unavailable(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                String host = JdbcUrl.address(url).map(JdbcUrl.Address::host).orElse(String.valueOf(cause.getMessage()));
                return new DatabaseUnavailableException("Cannot reach PostgreSQL at " + redactedUrl() + ": the host name " + host
                        + " does not resolve (DNS). Check the host in --url or POSTGRES_HOST, and this machine's name resolution.", e);
            }
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String reason = redact(e.getMessage() == null ? e.toString() : e.getMessage().strip().replaceAll("\\s*\\R\\s*", " "));
        String message = switch (state) {
            case "28P01", "28000" -> "PostgreSQL at " + redactedUrl() + " refused the login of user '" + effectiveUser()
                    + "' (" + reason + "). Check the user and password (--password-file, POSTGRES_USER/POSTGRES_PASSWORD or the URL).";
            case "3D000" -> "PostgreSQL at " + redactedUrl() + " has no such database (" + reason
                    + "). Create it, or fix POSTGRES_DB or the URL.";
            default -> "Cannot reach PostgreSQL at " + redactedUrl() + " (" + reason
                    + "). Check --url or POSTGRES_HOST/POSTGRES_PORT, and that the server is running.";
        };
        return new DatabaseUnavailableException(message, e);
    }

    @Override
    public String toString() {
        return "ConnectionSettings[url=" + redactedUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + (sslPassword == null ? "" : ", sslpassword=***") + "]";
    }
}
