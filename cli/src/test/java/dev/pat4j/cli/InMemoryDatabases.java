package dev.pat4j.cli;

import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.cli.internal.DatabaseLocation;
import dev.pat4j.cli.internal.Databases;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.TokenStore;
import java.util.ArrayList;
import java.util.List;

/** One in-memory store that every command of a test opens, recording which locations were asked for. */
final class InMemoryDatabases implements Databases {
    final InMemoryTokenStore store = new InMemoryTokenStore();
    final List<DatabaseLocation> opened = new ArrayList<>();

    @Override
    public OpenStore open(DatabaseLocation location, boolean create, Pat4jSettings.Store deadlines) {
        opened.add(location);
        return new OpenStore() {
            @Override
            public TokenStore store() {
                return store;
            }

            @Override
            public void close() {
            }
        };
    }
}
