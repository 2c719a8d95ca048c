package dev.pat4j.cli.internal;

import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.store.TokenStore;

/** Opens the token store behind a JDBC URL; a seam so command tests can use an in-memory store. */
public interface Databases {

    /**
     * Opens (and creates or upgrades the schema of) the store at {@code location}.
     *
     * @param create whether an embedded H2 file that does not exist yet may be created; when false,
     *     a missing one is a {@link CliFailure} saying that no database was found
     * @param deadlines the settings' store section: its statement deadline and its wait for a pooled connection
     * @throws dev.pat4j.store.StoreUnavailableException if the database cannot be reached
     */
    OpenStore open(DatabaseLocation location, boolean create, Pat4jSettings.Store deadlines);

    /** An open store and what must be closed when the command is done with it. */
    interface OpenStore extends AutoCloseable {
        TokenStore store();

        @Override
        void close();
    }
}
