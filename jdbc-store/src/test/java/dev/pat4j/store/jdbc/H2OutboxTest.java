package dev.pat4j.store.jdbc;

import dev.pat4j.store.TokenStore;
import dev.pat4j.testkit.OutboxContract;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;

/** The outbox contract on an in-memory H2 database, one new database per test. */
class H2OutboxTest extends OutboxContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private JdbcDataSource dataSource;

    /** LOCK_TIMEOUT: H2's default of two seconds is short for racing threads on a loaded 2-core build machine. */
    @Override
    protected TokenStore createStore() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:pat4j-outbox-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        dataSource.setUser("sa");
        JdbcTokenStore store = JdbcTokenStore.builder(dataSource).build();
        store.migrate();
        return store;
    }

    @Override
    protected void disposeStore(TokenStore store) throws Exception {
        ((JdbcTokenStore) store).close();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }
}
