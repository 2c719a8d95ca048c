package dev.pat4j.cli.internal;

import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.settings.SecretReference;
import dev.pat4j.settings.SettingsException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which database a command works on: {@code --db}, else the settings' {@code pat4j.store.url},
 * else {@code $PAT_DB}, else an H2 file under {@code ./pat-data/}. A URL whose options would run
 * code is refused ({@link JdbcUrlPolicy}). How an H2 file is shared between processes, and with
 * which password, is decided when it is opened ({@link ConnectionPlan}). Immutable.
 *
 * @param url the JDBC URL
 * @param user the database user, or null
 * @param password the database password, or null
 * @param isDefault whether this is the default H2 file under {@code ./pat-data/}
 */
public record DatabaseLocation(String url, @Nullable String user, @Nullable String password, boolean isDefault) {
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)(password=)[^;&]*");

    /** The JDBC URL of the default H2 file database, in {@code pat-data/} under {@code workingDirectory}. */
    public static String defaultUrl(Path workingDirectory) {
        return "jdbc:h2:file:" + workingDirectory.resolve("pat-data").resolve("pat").toAbsolutePath();
    }

    /** The location with the defaults, for callers without settings. */
    public static DatabaseLocation resolve(@Nullable String option, CliContext context) {
        return resolve(option, context, new CliSettings(Pat4jSettings.defaults(), null));
    }

    /**
     * Resolves the URL to use, and its credentials: the settings' user and password, else
     * {@code $PAT_DB_USER} and {@code $PAT_DB_PASSWORD}.
     *
     * @throws IllegalArgumentException if the URL is not a JDBC URL, or carries an option that would run code
     * @throws CliFailure if the settings' password reference cannot be read
     */
    public static DatabaseLocation resolve(@Nullable String option, CliContext context, CliSettings settings) {
        Pat4jSettings.Store store = settings.settings().store();
        String url = option != null ? option.strip() : store.url();
        String source = option != null ? "--db" : "pat4j.store.url";
        if (url == null || url.isEmpty()) {
            url = context.variable("PAT_DB");
            source = "$PAT_DB";
        }
        boolean isDefault = url == null || url.isEmpty();
        if (isDefault) {
            url = defaultUrl(context.workingDirectory());
        }
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("--db must be a JDBC URL, such as jdbc:h2:file:./pat-data/pat"
                    + " or jdbc:postgresql://127.0.0.1/app");
        }
        JdbcUrlPolicy.check(url, source);
        String user = store.user() != null ? store.user() : context.variable("PAT_DB_USER");
        SecretReference reference = store.password();
        String password;
        try {
            password = reference != null ? reference.readString() : context.variable("PAT_DB_PASSWORD");
        } catch (SettingsException e) {
            throw new CliFailure("settings: " + e.getMessage());
        }
        return new DatabaseLocation(url, user, password, isDefault);
    }

    /** Whether {@code url} is an H2 database in a local file (not in memory, not over TCP). */
    static boolean isEmbeddedH2File(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = url.substring("jdbc:h2:".length()).toLowerCase(Locale.ROOT);
        return !(rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:")
                || rest.startsWith("zip:"));
    }

    /** The URL with any password parameter masked, for messages. */
    public String displayUrl() {
        return masked(url);
    }

    /** {@code url} with any password parameter masked. */
    static String masked(String url) {
        return SECRET_PARAMETER.matcher(url).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return "DatabaseLocation[" + displayUrl() + "]";
    }
}
