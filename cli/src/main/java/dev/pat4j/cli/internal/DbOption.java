package dev.pat4j.cli.internal;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options every command that touches the database shares: {@code --config} (the
 * application's settings file) and {@code --db} (the database, overriding the file's).
 */
public final class DbOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "The application's pat4j settings file: its scopes, prefix, hashing, policy and"
                    + " database (default: $PAT4J_CONFIG, else pat4j's defaults).")
    @Nullable String config;

    @Option(names = "--db", paramLabel = "JDBC-URL",
            description = "The database (default: the settings' pat4j.store.url, else $PAT_DB, else an H2 file under"
                    + " ./pat-data/). Credentials: the settings' pat4j.store.user and pat4j.store.password, else"
                    + " $PAT_DB_USER and $PAT_DB_PASSWORD.")
    @Nullable String url;

    /**
     * The settings: this command's {@code --config}, else the one given before the command
     * ({@code pat --config FILE list}), else {@code $PAT4J_CONFIG}, else the defaults.
     */
    public CliSettings settings(CommandSpec spec, @Nullable String rootConfig, CliContext context) {
        return CliSettings.resolve(spec, config != null ? config : rootConfig, context);
    }

    /** Resolves the location; an invalid URL is a usage error. */
    public DatabaseLocation location(CliContext context, CliSettings settings) {
        return DatabaseLocation.resolve(url, context, settings);
    }
}
