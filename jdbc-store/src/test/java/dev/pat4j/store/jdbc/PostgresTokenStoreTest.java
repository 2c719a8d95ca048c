package dev.pat4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pat4j.store.StoredToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The store contract on a real PostgreSQL server, one new schema per test. */
class PostgresTokenStoreTest extends JdbcTokenStoreContract {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    protected DataSource freshDatabase() {
        return SharedPostgres.pool(SharedPostgres.newSchema("contract"), 10);
    }

    @Override
    protected void releaseDatabase(DataSource dataSource) {
        ((HikariDataSource) dataSource).close();
    }

    @Override
    protected DataSource unreachableDatabase() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {1}); // nothing listens on port 1
        ds.setUser("postgres");
        ds.setConnectTimeout(2);
        return ds;
    }

    @Override
    protected JdbcDialect expectedDialect() {
        return JdbcDialect.POSTGRESQL;
    }

    @Test
    void aCommitOnOneStoreWakesTheSubscribersOfAnotherThroughNotify() throws Exception {
        try (HikariDataSource otherPool = SharedPostgres.pool(schemaOf(dataSource()), 2)) {
            JdbcTokenStore other = JdbcTokenStore.builder(otherPool).build();
            StoredToken t = token(nextId(), "alice", T0, T0.plus(3, ChronoUnit.DAYS));
            store.insert(t);
            CountDownLatch listening = new CountDownLatch(1);
            CountDownLatch changed = new CountDownLatch(1);
            try (AutoCloseable subscription = other.onChange(() -> {
                // The first wake-up comes when the listener connects; the next one is the change.
                if (listening.getCount() > 0) {
                    listening.countDown();
                } else {
                    changed.countDown();
                }
            })) {
                assertThat(listening.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                assertThat(other.listening()).isTrue();

                assertThat(store.update(t.withScopes("code:write"))).isTrue();

                assertThat(changed.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            }
            assertThat(other.listening()).as("the last subscription stops the listener").isFalse();
            other.close();
        }
    }

    @Test
    void closingTheStoreStopsItsListenerThread() throws Exception {
        long before = listenerThreads();
        CountDownLatch connected = new CountDownLatch(1);
        store.onChange(connected::countDown);
        assertThat(connected.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(listenerThreads()).isEqualTo(before + 1);

        jdbcStore().close();

        assertThat(jdbcStore().listening()).isFalse();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (listenerThreads() > before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(listenerThreads()).isLessThanOrEqualTo(before);
        assertThat(store.onChange(() -> { })).as("closed: polling only").isNotNull();
        assertThat(jdbcStore().listening()).isFalse();
    }

    @Test
    void withNotificationsOffNoConnectionIsHeldForListening() throws Exception {
        JdbcTokenStore polled = JdbcTokenStore.builder(dataSource()).notifications(false).build();
        try (AutoCloseable subscription = polled.onChange(() -> { })) {
            assertThat(polled.listening()).isFalse();
            assertThat(((HikariDataSource) dataSource()).getHikariPoolMXBean().getActiveConnections()).isZero();
        }
        polled.close();
    }

    private static long listenerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("pat4j-pg-listener") && t.isAlive()).count();
    }

    private static String schemaOf(DataSource ds) {
        return ((HikariDataSource) ds).getDataSourceProperties().getProperty("currentSchema");
    }

    /**
     * The plan on the contract test's analysed table. A table of 1,500 rows is small enough for
     * a sequential scan and a sort to be cheapest, so scans that are not index scans are turned
     * off; sorting is not: a plan that reads an index out of the page's order (the expiry index
     * for an active-only filter, say) and sorts would still be chosen where cheaper, and fails.
     */
    @Override
    protected String plan(String sql, Parameters parameters) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_seqscan = off");
                s.execute("SET LOCAL enable_bitmapscan = off");
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                parameters.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
            }
            c.rollback();
        }
        return String.join("\n", lines);
    }

    @Override
    protected void assertReadThroughIndexWithoutSort(String plan, String index, boolean after) {
        assertThat(plan).as("PostgreSQL's plan").containsPattern("Index Scan (Backward )?using " + index + " ")
                .doesNotContain("Sort").doesNotContain("Seq Scan");
        if (after) {
            assertThat(plan).as("the keyset position is an index condition, not a filter")
                    .containsPattern("Index Cond: \\(.*ROW\\(");
        }
    }
}
