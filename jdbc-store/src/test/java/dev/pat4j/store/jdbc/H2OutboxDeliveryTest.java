package dev.pat4j.store.jdbc;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The delivery guarantee on H2: one in-memory database per test, each node on a data source of
 * its own (as processes sharing an H2 file through AUTO_SERVER reach one engine).
 */
class H2OutboxDeliveryTest extends OutboxDeliveryContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    protected DataSource freshDatabase() {
        return h2("jdbc:h2:mem:pat4j-delivery-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    }

    @Override
    protected DataSource anotherNode(DataSource first) {
        return h2(((JdbcDataSource) first).getURL());
    }

    @Override
    protected void release(DataSource first, List<DataSource> others) throws Exception {
        try (Connection c = first.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    private static DataSource h2(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        return ds;
    }
}
