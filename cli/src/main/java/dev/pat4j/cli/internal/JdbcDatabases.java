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
 * for an H2 file shared with AUTO_SERVER that makes the first process (a running {@code pat demo})
 * the server that the others reach, for as long as it runs. What it connects with, and which
 * files it keeps private, is the {@link ConnectionPlan}'s; a database of pat 0.1 that still has
 * the empty password is given pat's password on the way ({@link EmptyPasswordUpgrade}).
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
        ConnectionPlan plan = ConnectionPlan.of(location, create);
        HikariDataSource pool = connect(location, plan, deadlines);
        try {
            if (plan.files() != null) {
                plan.files().restrict(); // H2's own files (data, lock) were made under the umask
            }
            JdbcTokenStore store = JdbcTokenStore.builder(pool).queryTimeout(deadlines.queryTimeout()).build();
            store.migrate();
            return new Open(store, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource connect(DatabaseLocation location, ConnectionPlan plan,
                                            Pat4jSettings.Store deadlines) {
        try {
            return new HikariDataSource(config(plan, deadlines));
        } catch (RuntimeException e) {
            if (plan.soloUrl() == null || !hasCode(e, EmptyPasswordUpgrade.WRONG_PASSWORD)) {
                throw refusal(location, e);
            }
        }
        try {
            EmptyPasswordUpgrade.run(plan, location);
            return new HikariDataSource(config(plan, deadlines));
        } catch (SQLException | RuntimeException e) {
            if (e instanceof CliFailure failure) {
                throw failure;
            }
            throw refusal(location, e);
        }
    }

    private static HikariConfig config(ConnectionPlan plan, Pat4jSettings.Store deadlines) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("pat");
        config.setJdbcUrl(plan.url());
        if (plan.user() != null) {
            config.setUsername(plan.user());
        }
        if (plan.password() != null) {
            config.setPassword(plan.password());
        }
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        // HikariCP refuses less than 250 ms; a dead database then costs each waiting command at most this
        config.setConnectionTimeout(Math.max(250, deadlines.connectionTimeout().toMillis()));
        config.setInitializationFailTimeout(1); // an unreachable database fails the command at once
        return config;
    }

    private static RuntimeException refusal(DatabaseLocation location, Exception e) {
        if (hasCode(e, H2_NOT_FOUND)) {
            return new CliFailure(location.isDefault()
                    ? "no database found in ./pat-data/ (" + location.displayUrl() + "): nothing was created,"
                    + " since only 'pat create' makes one there; to work on an application's tokens, give its"
                    + " settings (--config FILE) or its database (--db URL)"
                    : "no database found at " + location.displayUrl() + ": nothing was created, since only"
                    + " 'pat create' makes one");
        }
        if (hasCode(e, Set.of(EmptyPasswordUpgrade.IN_USE))) {
            return new CliFailure("the H2 database " + location.displayUrl() + " is open in another process, which"
                    + " does not share it: pat shares an H2 file only behind a password (the one pat keeps beside"
                    + " the databases it made, or pat4j.store.password or $PAT_DB_PASSWORD)");
        }
        return new StoreUnavailableException("cannot open database " + location.displayUrl(), rootCause(e));
    }

    private static boolean hasCode(Throwable e, int code) {
        return hasCode(e, Set.of(code));
    }

    private static boolean hasCode(Throwable e, Set<Integer> codes) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && codes.contains(sql.getErrorCode())) {
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
