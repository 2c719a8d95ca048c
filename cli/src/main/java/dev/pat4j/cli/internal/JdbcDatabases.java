package dev.pat4j.cli.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.store.TokenStore;
import dev.pat4j.store.jdbc.JdbcTokenStore;

/**
 * Opens the JDBC token store on any database whose driver is on the class path (H2 and
 * PostgreSQL ship with the CLI), through a small HikariCP pool that keeps one connection open:
 * for an H2 file with AUTO_SERVER that makes the first process (a running {@code pat demo})
 * the server that the others reach, for as long as it runs.
 */
public final class JdbcDatabases implements Databases {

    @Override
    public OpenStore open(DatabaseLocation location) {
        // H2's automatic server must listen on loopback only; H2 reads this once, before its first server socket
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        HikariDataSource pool = pool(location);
        try {
            JdbcTokenStore store = JdbcTokenStore.builder(pool).build();
            store.migrate();
            return new Open(store, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(DatabaseLocation location) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("pat");
        config.setJdbcUrl(location.url());
        if (location.user() != null) {
            config.setUsername(location.user());
        }
        if (location.password() != null) {
            config.setPassword(location.password());
        }
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(1); // an unreachable database fails the command at once
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot open database " + location.displayUrl(), rootCause(e));
        }
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
