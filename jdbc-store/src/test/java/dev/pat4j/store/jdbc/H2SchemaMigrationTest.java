package dev.pat4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The migrations on H2, one new in-memory database per test. Several data sources on one
 * in-memory database reach the same engine, as processes sharing an H2 file through
 * AUTO_SERVER do, so they stand for the nodes of the racing test.
 */
class H2SchemaMigrationTest extends SchemaMigrationContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** LOCK_TIMEOUT: H2's default of two seconds is short for racing threads on a loaded 2-core build machine. */
    @Override
    protected DataSource freshDatabase() {
        return h2("jdbc:h2:mem:pat4j-migration-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    }

    @Override
    protected DataSource anotherNode(DataSource first) {
        return h2(((JdbcDataSource) first).getURL());
    }

    @Override
    protected void release(List<DataSource> dataSources) throws Exception {
        try (Connection c = dataSources.get(0).getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    @Override
    protected JdbcDialect dialect() {
        return JdbcDialect.H2;
    }

    @Override
    protected void assertServedByTheIndexWithoutASort(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
            ps.setString(1, "alice");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("H2's plan")
                        .contains("PAT4J_TOKEN_OWNER_CREATED_IDX").contains("/* index sorted */");
            }
        }
    }

    private static DataSource h2(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        return ds;
    }
}
