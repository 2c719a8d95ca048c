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
 * else {@code $PAT_DB}, else an H2 file under {@code ./pat-data/}. Embedded H2 file databases get
 * {@code AUTO_SERVER=TRUE} so that the CLI and a running {@code pat demo} can use one database at
 * the same time. Immutable.
 *
 * @param url the JDBC URL
 * @param user the database user, or null
 * @param password the database password, or null
 * @param isDefault whether this is the default H2 file under {@code ./pat-data/}
 */
public record DatabaseLocation(String url, @Nullable String user, @Nullable String password, boolean isDefault) {
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)(password=)[^;&]*");

    /** The JDBC URL for an H2 file database in {@code directory}, shareable between processes. */
    public static String defaultUrl(Path workingDirectory) {
        return "jdbc:h2:file:" + workingDirectory.resolve("pat-data").resolve("pat").toAbsolutePath()
                + ";AUTO_SERVER=TRUE";
    }

    /** The location with the defaults, for callers without settings. */
    public static DatabaseLocation resolve(@Nullable String option, CliContext context) {
        return resolve(option, context, new CliSettings(Pat4jSettings.defaults(), null));
    }

    /**
     * Resolves the URL to use, and its credentials: the settings' user and password, else
     * {@code $PAT_DB_USER} and {@code $PAT_DB_PASSWORD}.
     *
     * @throws IllegalArgumentException if the URL is not a JDBC URL
     * @throws CliFailure if the settings' password reference cannot be read
     */
    public static DatabaseLocation resolve(@Nullable String option, CliContext context, CliSettings settings) {
        Pat4jSettings.Store store = settings.settings().store();
        String url = option != null ? option.strip() : store.url();
        if (url == null || url.isEmpty()) {
            url = context.variable("PAT_DB");
        }
        boolean isDefault = url == null || url.isEmpty();
        if (isDefault) {
            url = defaultUrl(context.workingDirectory());
        }
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("--db must be a JDBC URL, such as jdbc:h2:file:./pat-data/pat"
                    + " or jdbc:postgresql://127.0.0.1/app");
        }
        String user = store.user() != null ? store.user() : context.variable("PAT_DB_USER");
        SecretReference reference = store.password();
        String password;
        try {
            password = reference != null ? reference.readString() : context.variable("PAT_DB_PASSWORD");
        } catch (SettingsException e) {
            throw new CliFailure("settings: " + e.getMessage());
        }
        return new DatabaseLocation(shareable(url), user, password, isDefault);
    }

    /** Embedded H2 file databases are locked by the first process unless it serves them to the others. */
    static String shareable(String url) {
        if (!isEmbeddedH2File(url)) {
            return url;
        }
        String rest = url.substring("jdbc:h2:".length()).toLowerCase(Locale.ROOT);
        if (rest.contains(";auto_server=")) {
            return url;
        }
        return url + ";AUTO_SERVER=TRUE";
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

    /** This location's URL for opening a database that must exist already: H2 files are not created. */
    public String existingOnlyUrl() {
        if (!isEmbeddedH2File(url) || url.toLowerCase(Locale.ROOT).contains(";ifexists=")) {
            return url;
        }
        return url + ";IFEXISTS=TRUE";
    }

    /** The URL with any password parameter masked, for messages. */
    public String displayUrl() {
        return SECRET_PARAMETER.matcher(url).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return "DatabaseLocation[" + displayUrl() + "]";
    }
}
