package dev.pat4j.cli.internal;

import dev.pat4j.Pat4j;
import java.util.function.Consumer;

/**
 * pat4j opened on one database for the length of a command: the {@link Pat4j} instance built
 * from the command's settings (the application's file, or pat4j's defaults) with the context's
 * notification senders, so that it honours
 * the application's catalog, prefix, hashing and policy, and is refused by the database's
 * settings fingerprint when they differ from the application's. Closing flushes pat4j and then
 * releases the database.
 */
public final class Session implements AutoCloseable {
    private final Databases.OpenStore open;
    private final Pat4j pat4j;

    private Session(Databases.OpenStore open, Pat4j pat4j) {
        this.open = open;
        this.pat4j = pat4j;
    }

    /**
     * Opens the database at {@code location} and builds pat4j on it from {@code settings},
     * adjusted by {@code configure}.
     *
     * @param create whether a missing embedded H2 database may be created (only {@code create} and the demo)
     * @throws dev.pat4j.settings.SettingsMismatchException if the database records other settings
     */
    public static Session open(CliContext context, CliSettings settings, DatabaseLocation location, boolean create,
                               Consumer<Pat4j.Builder> configure) {
        Databases.OpenStore open = context.databases().open(location, create, settings.settings().store());
        try {
            Pat4j.Builder builder = Pat4j.builder().settings(settings.settings()).store(open.store());
            context.senders().forEach(builder::notificationSender);
            configure.accept(builder);
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
}
