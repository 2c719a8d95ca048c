package dev.pat4j.cli.internal;

import dev.pat4j.Pat4j;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.scope.ScopeCatalog;
import java.util.function.Consumer;

/**
 * pat4j opened on one database for the length of a command: the {@link Pat4j} instance with
 * the Azure DevOps-like preset scopes and the default policy. Closing flushes pat4j and then
 * releases the database.
 */
public final class Session implements AutoCloseable {
    private final Databases.OpenStore open;
    private final Pat4j pat4j;

    private Session(Databases.OpenStore open, Pat4j pat4j) {
        this.open = open;
        this.pat4j = pat4j;
    }

    /** The scopes every pat command knows. */
    public static ScopeCatalog catalog() {
        return CatalogHolder.CATALOG;
    }

    /** Opens the database at {@code location} and builds pat4j on it, adjusted by {@code settings}. */
    public static Session open(CliContext context, DatabaseLocation location, Consumer<Pat4j.Builder> settings) {
        Databases.OpenStore open = context.databases().open(location);
        try {
            Pat4j.Builder builder = Pat4j.builder().store(open.store()).scopes(catalog());
            settings.accept(builder);
            return new Session(open, builder.build());
        } catch (RuntimeException e) {
            open.close();
            throw e;
        }
    }

    public Pat4j pat4j() {
        return pat4j;
    }

    @Override
    public void close() {
        try {
            pat4j.close();
        } finally {
            open.close();
        }
    }

    /** The catalog is immutable; building it once keeps ScopeSets of every session comparable. */
    private static final class CatalogHolder {
        static final ScopeCatalog CATALOG = AzureDevOpsScopes.catalog();
    }
}
