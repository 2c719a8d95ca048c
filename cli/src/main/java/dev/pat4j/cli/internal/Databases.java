package dev.pat4j.cli.internal;

import dev.pat4j.store.TokenStore;

/** Opens the token store behind a JDBC URL; a seam so command tests can use an in-memory store. */
public interface Databases {

    /**
     * Opens (and creates the schema of, if missing) the store at {@code location}.
     *
     * @throws dev.pat4j.store.StoreUnavailableException if the database cannot be reached
     */
    OpenStore open(DatabaseLocation location);

    /** An open store and what must be closed when the command is done with it. */
    interface OpenStore extends AutoCloseable {
        TokenStore store();

        @Override
        void close();
    }
}
