package dev.pat4j.cli.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.store.TokenStore;
import dev.pat4j.store.jdbc.JdbcTokenStore;
import java.sql.SQLException;
import java.util.Set;

/**
 * Opens the JDBC token store on any database whose driver is on the class path (H2 and
 * PostgreSQL ship with the CLI), through a small HikariCP pool that keeps one connection open
 * (an embedded H2 file only if it exists, unless the command may create it):
 * for an H2 file with AUTO_SERVER that makes the first process (a running {@code pat demo})
 * the server that the others reach, for as long as it runs.
 */
public final class JdbcDatabases implements Databases {

    /** H2's codes for "database not found" (IFEXISTS, and a remote server's). */
    private static final Set<Integer> H2_NOT_FOUND = Set.of(90013, 90146, 90149);

    @Override
    public OpenStore open(DatabaseLocation location, boolean create, Pat4jSettings.Store deadlines) {
        // H2's automatic server must listen on loopback only; H2 reads this once, before its first server socket
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        HikariDataSource pool = pool(location, create ? location.url() : location.existingOnlyUrl(), deadlines);
        try {
            JdbcTokenStore store = JdbcTokenStore.builder(pool).queryTimeout(deadlines.queryTimeout()).build();
            store.migrate();
            return new Open(store, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(DatabaseLocation location, String url, Pat4jSettings.Store deadlines) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("pat");
        config.setJdbcUrl(url);
        if (location.user() != null) {
            config.setUsername(location.user());
        }
        if (location.password() != null) {
            config.setPassword(location.password());
        }
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        // HikariCP refuses less than 250 ms; a dead database then costs each waiting command at most this
        config.setConnectionTimeout(Math.max(250, deadlines.connectionTimeout().toMillis()));
        config.setInitializationFailTimeout(1); // an unreachable database fails the command at once
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            if (notFound(e)) {
                throw new CliFailure(location.isDefault()
                        ? "no database found in ./pat-data/ (" + location.displayUrl() + "): nothing was created,"
                        + " since only 'pat create' makes one there; to work on an application's tokens, give its"
                        + " settings (--config FILE) or its database (--db URL)"
                        : "no database found at " + location.displayUrl() + ": nothing was created, since only"
                        + " 'pat create' makes one");
            }
            throw new StoreUnavailableException("cannot open database " + location.displayUrl(), rootCause(e));
        }
    }

    private static boolean notFound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && H2_NOT_FOUND.contains(sql.getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private record Open(JdbcTokenStore jdbc, HikariDataSource pool) implements OpenStore {
        @Override
        public TokenStore store() {
            return jdbc;
        }

        @Override
        public void close() {
            try {
                jdbc.close();
            } finally {
                pool.close();
            }
        }
    }
}
