package dev.pat4j.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import javax.sql.DataSource;

/** The delivery guarantee on a real PostgreSQL: one schema per test, each node with a pool of its own. */
class PostgresOutboxDeliveryTest extends OutboxDeliveryContract {
    private String schema;

    @Override
    protected DataSource freshDatabase() {
        schema = SharedPostgres.newSchema("delivery");
        return SharedPostgres.pool(schema, 4);
    }

    @Override
    protected DataSource anotherNode(DataSource first) {
        return SharedPostgres.pool(schema, 4);
    }

    @Override
    protected void release(DataSource first, List<DataSource> others) {
        ((HikariDataSource) first).close();
        for (DataSource ds : others) {
            ((HikariDataSource) ds).close();
        }
    }
}
