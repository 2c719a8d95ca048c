package dev.pat4j.cli.internal;

import picocli.CommandLine.Option;

/** The {@code --db} option shared by every command that touches the database. */
public final class DbOption {
    @Option(names = "--db", paramLabel = "JDBC-URL",
            description = "The database (default: $PAT_DB, else an H2 file under ./pat-data/). "
                    + "Credentials: $PAT_DB_USER and $PAT_DB_PASSWORD.")
    String url;

    /** Resolves the location; an invalid URL is a usage error. */
    public DatabaseLocation location(CliContext context) {
        return DatabaseLocation.resolve(url, context);
    }
}
