package io.sark.migrate.postgres;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL URL with its secrets taken out. It reads the forms people write: {@code jdbc:postgresql://HOST/DB},
 * libpq's {@code postgresql://} and {@code postgres://}, with the credentials as user-info
 * ({@code //user:secret@host}) or as {@code password=} and {@code sslpassword=} parameters. What it keeps is a
 * {@code jdbc:postgresql:} URL that holds no secret (the user-info's user becomes a {@code user=} parameter, which
 * pgjdbc reads); the secrets are returned beside it, for the driver's properties or a child's environment.
 *
 * <p>{@link #redact(String)} is the one routine that hides credentials in any text shown to anyone: messages, logs,
 * JSON and tables.
 *
 * @param url         the JDBC URL without any password
 * @param password    the password the URL carried, or null
 * @param sslPassword the client key's password the URL carried, or null
 */
public record JdbcUrl(String url, String password, String sslPassword) {

    private static final String JDBC = "jdbc:postgresql:";
    private static final List<String> LIBPQ = List.of("postgresql://", "postgres://");
    /** A {@code scheme://user:secret@}: the secret runs to the word's last '@' (it hides too much rather than too little). */
    private static final Pattern USER_INFO = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^/?#@\\s:'\"]*):[^\\s'\"]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)(\\b(?:ssl)?password=)[^&\\s'\"]*");

    /**
     * Reads {@code text}; anything else than a PostgreSQL URL is a {@link ConfigurationException} whose message shows
     * the text redacted.
     */
    public static JdbcUrl parse(String text) {
        String rest = rest(text);
        String password = null;
        String sslPassword = null;
        String user = null;
        int slash = rest.indexOf('/', 2);
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int at = authority.lastIndexOf('@');
        if (rest.startsWith("//") && at < 0 && authority.matches("//[^\\[\\],]*:.*[^0-9].*")
                && rest.indexOf('@') > 0 && (rest.indexOf('?') < 0 || rest.indexOf('@') < rest.indexOf('?'))) {
            throw new ConfigurationException("--url: the password in the URL's user-info holds a '/': percent-encode it (%2F),"
                    + " or give the password with --password-file or SARK_MIGRATE_PASSWORD.");
        }
        if (rest.startsWith("//") && at >= 0 && !authority.substring(0, at).contains("=")) {
            String userInfo = authority.substring(2, at);
            int colon = userInfo.indexOf(':');
            user = decodeUserInfo(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decodeUserInfo(userInfo.substring(colon + 1));
            rest = "//" + rest.substring(at + 1);
        }
        String path = rest;
        List<String> parameters = new ArrayList<>();
        int query = rest.indexOf('?');
        if (query >= 0) {
            path = rest.substring(0, query);
            for (String parameter : rest.substring(query + 1).split("&")) {
                String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')).toLowerCase(Locale.ROOT) : parameter;
                String value = parameter.contains("=") ? URLDecoder.decode(parameter.substring(parameter.indexOf('=') + 1), StandardCharsets.UTF_8) : "";
                switch (name) {
                    case "password" -> password = value;
                    case "sslpassword" -> sslPassword = value;
                    case "" -> { }
                    default -> {
                        if (name.equals("user") && user != null) {
                            user = null; // the parameter wins, as it does for libpq
                        }
                        parameters.add(parameter);
                    }
                }
            }
        }
        if (user != null && !user.isEmpty()) {
            parameters.add(0, "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8));
        }
        String url = JDBC + path + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
        return new JdbcUrl(url, password, sslPassword);
    }

    /**
     * Where a URL points, as written: the first host (a bracketed IPv6 address kept whole), its port (5432 when none is
     * written) and the database, and the text {@code host:port/database} as the URL has it.
     */
    public record Address(String host, int port, String database, String written) {
    }

    /** Where this URL points; empty for pgjdbc's short forms without a host ({@code jdbc:postgresql:sark}). */
    public Optional<Address> address() {
        return address(url);
    }

    /** Where the JDBC URL {@code url} points (a driver's {@code getURL()}, say); empty when it names no host. */
    public static Optional<Address> address(String url) {
        if (url == null || !url.startsWith(JDBC + "//")) {
            return Optional.empty();
        }
        String rest = url.substring(JDBC.length() + 2);
        String written = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
        int slash = written.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String hosts = written.substring(0, slash);
        String first = hosts.contains(",") ? hosts.substring(0, hosts.indexOf(',')) : hosts;
        int portAt = first.startsWith("[") ? first.indexOf("]:") + 1 : first.lastIndexOf(':');
        String host = portAt > 0 ? first.substring(0, portAt) : first;
        int port;
        try {
            port = portAt > 0 ? Integer.parseInt(first.substring(portAt + 1)) : 5432;
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new Address(host, port, written.substring(slash + 1), written));
    }

    /** {@code text} after the scheme, {@code //host/db?...} or a pgjdbc short form such as {@code db}. */
    private static String rest(String text) {
        if (text.startsWith(JDBC)) {
            return text.substring(JDBC.length());
        }
        for (String scheme : LIBPQ) {
            if (text.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return text.substring(scheme.length() - 2);
            }
        }
        throw new ConfigurationException("--url must be a PostgreSQL URL such as jdbc:postgresql://db.example.com:5432/sark"
                + " (postgresql://USER@HOST/DB is read too), not '" + redact(text) + "'.");
    }

    /** User-info is percent-encoded, and a '+' in it is a plus (not a space as in a query). */
    private static String decodeUserInfo(String encoded) {
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * {@code text} with every credential a URL or a settings string can carry replaced by {@code ***}: the password of
     * a {@code scheme://user:password@host} and the values of {@code password=} and {@code sslpassword=}.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String userInfoHidden = USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                (m.group(1) != null ? m.group(1) : m.group(2)) + ":***@"));
        return SECRET_PARAMETER.matcher(userInfoHidden).replaceAll("$1***");
    }
}
