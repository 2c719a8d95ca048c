package dev.pat4j.cli.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses database URLs whose options run code in the process that opens them. H2 runs the SQL
 * of {@code INIT} (where {@code RUNSCRIPT} and {@code CREATE ALIAS} run Java), loads classes
 * named by some settings, and pastes every other setting's value into a {@code SET} statement,
 * so a value such as {@code 1\;CREATE ALIAS …} runs too: an H2 URL may carry only the settings
 * of {@link #H2_SETTINGS}, each with a plain word or number as its value. PostgreSQL's driver
 * instantiates the classes some options name and writes the file {@code loggerFile} names:
 * those of {@link #POSTGRESQL_REFUSED} are refused, however cased or percent-encoded. Other
 * URLs are left to their drivers (the CLI ships none but H2's and PostgreSQL's). Stateless.
 */
final class JdbcUrlPolicy {
    /** H2 settings that neither run SQL, name a class or file, nor turn tracing on (which would log statements). */
    static final Set<String> H2_SETTINGS = Set.of("USER", "PASSWORD", "AUTO_SERVER", "AUTO_SERVER_PORT",
            "AUTO_RECONNECT", "IFEXISTS", "FORBID_CREATION", "ACCESS_MODE_DATA", "MODE", "DB_CLOSE_DELAY",
            "DB_CLOSE_ON_EXIT", "FILE_LOCK", "LOCK_TIMEOUT", "CACHE_SIZE", "MAX_COMPACT_TIME", "NETWORK_TIMEOUT",
            "WRITE_DELAY", "DATABASE_TO_UPPER", "DATABASE_TO_LOWER", "CASE_INSENSITIVE_IDENTIFIERS",
            "DEFAULT_NULL_ORDERING");
    /** The settings H2 reads itself rather than through a {@code SET} statement: any value but an escape. */
    private static final Set<String> H2_CREDENTIALS = Set.of("USER", "PASSWORD");
    private static final Pattern H2_VALUE = Pattern.compile("[A-Za-z0-9_.+-]{1,64}");
    private static final Pattern H2_CREDENTIAL_VALUE = Pattern.compile("[^\\\\\\p{Cntrl}]*");
    /** PostgreSQL options (lower case) that load a class or write a file. */
    static final Set<String> POSTGRESQL_REFUSED = Set.of("socketfactory", "socketfactoryarg", "sslfactory",
            "sslfactoryarg", "sslhostnameverifier", "sslpasswordcallback", "authenticationpluginclassname",
            "xmlfactoryfactory", "loggerfile", "loggerlevel");
    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    private JdbcUrlPolicy() {
    }

    /**
     * @param source where the URL came from, for the message ({@code --db}, {@code $PAT_DB}, {@code pat4j.store.url})
     * @throws IllegalArgumentException naming the refused option (never its value) if the URL carries one
     */
    static void check(String url, String source) {
        if (url.regionMatches(true, 0, H2Url.PREFIX, 0, H2Url.PREFIX.length())) {
            checkH2(H2Url.parse(H2Url.PREFIX + url.substring(H2Url.PREFIX.length())), source);
        } else if (url.regionMatches(true, 0, POSTGRESQL_PREFIX, 0, POSTGRESQL_PREFIX.length())) {
            checkPostgresql(url, source);
        }
    }

    private static void checkH2(H2Url url, String source) {
        for (H2Url.Setting setting : url.settings()) {
            String name = setting.name();
            if (!H2_SETTINGS.contains(name)) {
                throw new IllegalArgumentException(source + ": the H2 option '" + shown(setting.key()) + "' is refused:"
                        + " options such as INIT run SQL (and through it Java) when the database opens; allowed are "
                        + String.join(", ", H2_SETTINGS.stream().sorted().toList()));
            }
            if (setting.value() == null) {
                throw new IllegalArgumentException(source + ": the H2 option '" + shown(setting.key()) + "' is refused:"
                        + " it has no value (KEY=VALUE)");
            }
            Pattern allowed = H2_CREDENTIALS.contains(name) ? H2_CREDENTIAL_VALUE : H2_VALUE;
            if (!allowed.matcher(setting.value()).matches()) {
                throw new IllegalArgumentException(source + ": the value of the H2 option " + name + " is refused:"
                        + " H2 runs it as SQL, so it must be a plain word or number"
                        + (H2_CREDENTIALS.contains(name) ? " (no backslash or control character)" : ""));
            }
        }
    }

    private static void checkPostgresql(String url, String source) {
        int query = url.indexOf('?');
        if (query < 0) {
            return;
        }
        for (String parameter : url.substring(query + 1).split("&")) {
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            if (POSTGRESQL_REFUSED.contains(normalized(key))) {
                throw new IllegalArgumentException(source + ": the PostgreSQL option '" + shown(key) + "' is refused:"
                        + " it makes the driver load a class or write a file");
            }
        }
    }

    /** The key as the most lenient reader could take it: decoded, trimmed, lower case. */
    private static String normalized(String key) {
        String decoded;
        try {
            decoded = URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = key;
        }
        return decoded.strip().toLowerCase(Locale.ROOT);
    }

    /** An option's key for a message: one line, short, no token. */
    private static String shown(String key) {
        String line = Redaction.oneLine(key).replaceAll("\\p{Cntrl}", "?");
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }
}
