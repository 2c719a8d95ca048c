package dev.pat4j.cli.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which database a command works on: {@code --db}, else {@code $PAT_DB}, else an H2 file under
 * {@code ./pat-data/}. Embedded H2 file databases get {@code AUTO_SERVER=TRUE} so that the CLI
 * and a running {@code pat demo} can use one database at the same time.
 */
public record DatabaseLocation(String url, String user, String password) {
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)(password=)[^;&]*");

    /** The JDBC URL for an H2 file database in {@code directory}, shareable between processes. */
    public static String defaultUrl(Path workingDirectory) {
        return "jdbc:h2:file:" + workingDirectory.resolve("pat-data").resolve("pat").toAbsolutePath()
                + ";AUTO_SERVER=TRUE";
    }

    /**
     * Resolves the URL to use.
     *
     * @throws IllegalArgumentException if the URL is not a JDBC URL
     */
    public static DatabaseLocation resolve(String option, CliContext context) {
        String url = option != null ? option.strip() : context.variable("PAT_DB");
        if (url == null || url.isEmpty()) {
            url = defaultUrl(context.workingDirectory());
        }
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("--db must be a JDBC URL, such as jdbc:h2:file:./pat-data/pat"
                    + " or jdbc:postgresql://127.0.0.1/app");
        }
        return new DatabaseLocation(shareable(url), context.variable("PAT_DB_USER"),
                context.variable("PAT_DB_PASSWORD"));
    }

    /** Embedded H2 file databases are locked by the first process unless it serves them to the others. */
    static String shareable(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String rest = url.substring("jdbc:h2:".length()).toLowerCase(Locale.ROOT);
        boolean embeddedFile = !(rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:")
                || rest.startsWith("zip:"));
        if (!embeddedFile || rest.contains(";auto_server=")) {
            return url;
        }
        return url + ";AUTO_SERVER=TRUE";
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
