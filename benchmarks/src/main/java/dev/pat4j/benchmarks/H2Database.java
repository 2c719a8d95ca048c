package dev.pat4j.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pat4j.store.jdbc.JdbcTokenStore;
import java.util.concurrent.atomic.AtomicInteger;

/** An embedded in-memory H2 database behind a HikariCP pool, with pat4j's schema: the JDBC store as deployed. */
final class H2Database implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    final HikariDataSource dataSource;
    final JdbcTokenStore store;

    H2Database() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:pat4j-bench-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
        store = JdbcTokenStore.builder(dataSource).build();
        store.migrate();
    }

    @Override
    public void close() {
        store.close();
        dataSource.close();
    }
}
