package dev.pat4j.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.pat4j.store.TokenStore;
import dev.pat4j.testkit.OutboxContract;

/** The outbox contract on a real PostgreSQL server, one new schema per test. */
class PostgresOutboxTest extends OutboxContract {
    private HikariDataSource pool;

    @Override
    protected TokenStore createStore() {
        pool = SharedPostgres.pool(SharedPostgres.newSchema("outbox"), 10);
        JdbcTokenStore store = JdbcTokenStore.builder(pool).build();
        store.migrate();
        return store;
    }

    @Override
    protected void disposeStore(TokenStore store) {
        ((JdbcTokenStore) store).close();
        pool.close();
    }
}
