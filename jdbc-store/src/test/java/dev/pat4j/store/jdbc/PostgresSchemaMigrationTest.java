package dev.pat4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The migrations on a real PostgreSQL, one new database per test (CREATE DATABASE on the shared
 * embedded server), since the tools look at a whole schema and advisory locks span a database.
 */
class PostgresSchemaMigrationTest extends SchemaMigrationContract {
    private String database;

    @Override
    protected DataSource freshDatabase() {
        database = SharedPostgres.newDatabase("migration");
        return SharedPostgres.poolOnDatabase(database, 4);
    }

    @Override
    protected DataSource anotherNode(DataSource first) {
        return SharedPostgres.poolOnDatabase(database, 2);
    }

    @Override
    protected void release(List<DataSource> dataSources) {
        for (DataSource ds : dataSources) {
            ((HikariDataSource) ds).close();
        }
        SharedPostgres.dropDatabase(database);
    }

    @Override
    protected JdbcDialect dialect() {
        return JdbcDialect.POSTGRESQL;
    }

    /**
     * On a near-empty table the planner would rightly pick a sequential scan, so the test turns
     * off the plans that are not index scans and sorts: a plan still needing a sort would then
     * show a Sort node (at a prohibitive cost), and one served by the index shows none.
     */
    @Override
    protected void assertServedByTheIndexWithoutASort(DataSource ds, String sql) throws Exception {
        List<String> plan = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_seqscan = off");
                s.execute("SET LOCAL enable_bitmapscan = off");
                s.execute("SET LOCAL enable_sort = off");
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                ps.setString(1, "alice");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.add(rs.getString(1));
                    }
                }
            }
            c.rollback();
        }
        assertThat(String.join("\n", plan)).as("PostgreSQL's plan")
                .contains("Index Scan using pat4j_token_owner_created_idx").doesNotContain("Sort");
    }
}
