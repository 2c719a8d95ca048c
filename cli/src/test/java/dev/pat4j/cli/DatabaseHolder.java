package dev.pat4j.cli;

import dev.pat4j.cli.internal.CliContext;
import dev.pat4j.cli.internal.DatabaseLocation;
import dev.pat4j.cli.internal.Databases;
import dev.pat4j.cli.internal.JdbcDatabases;
import dev.pat4j.settings.Pat4jSettings;
import java.nio.file.Path;

/**
 * A process that holds the default database of a folder open as a running {@code pat demo}
 * would (its JVM then serves it to the others): opens it through the CLI's own
 * {@link JdbcDatabases}, prints {@value #OPEN} and keeps it open until its standard input ends.
 */
public final class DatabaseHolder {
    static final String OPEN = "holding the database open";

    private DatabaseHolder() {
    }

    /** @param args the working directory whose {@code pat-data/} is opened */
    public static void main(String[] args) throws Exception {
        CliContext context = new CliContext(System.getenv(), System.in, Path.of(args[0]), new JdbcDatabases());
        DatabaseLocation location = DatabaseLocation.resolve(null, context);
        try (Databases.OpenStore open = context.databases().open(location, true, Pat4jSettings.defaults().store())) {
            open.store().changeHead(); // a statement through the pool, as every command makes
            System.out.println(OPEN);
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes our standard input
            }
        }
    }
}
