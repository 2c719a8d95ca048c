package dev.pat4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pat4j.Pat4j;
import dev.pat4j.lifecycle.Actor;
import dev.pat4j.lifecycle.IssuedToken;
import dev.pat4j.lifecycle.NewToken;
import dev.pat4j.lifecycle.TokenPolicy;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.StoreUnavailableException;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.testkit.MutableClock;
import dev.pat4j.validation.RejectionReason;
import dev.pat4j.validation.ValidationResult;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real outages under a running pat4j: a stopped H2 TCP server, a stopped PostgreSQL, and a hung
 * PostgreSQL (a lock held by another connection's open transaction). In each, uncached tokens are
 * refused as store-unavailable within the store's deadline (the calls return; a generous
 * preemptive timeout guards against a hang), the circuit breaker opens after its failures, no
 * store call is made while it is open (counted through a {@link CountingStore} between pat4j and
 * the JDBC store), a cached token keeps validating, and once the database is back and the
 * cool-down has passed on pat4j's clock the same pat4j recovers.
 */
class StoreOutageBreakerTest {
    private static final int FAILURES = 3;
    private static final Duration COOL_DOWN = Duration.ofSeconds(10);
    private static final Duration QUERY_TIMEOUT = Duration.ofMillis(300);
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    /** One pat4j on one JDBC store, counting the calls that reach it. */
    private record Node(HikariDataSource pool, JdbcTokenStore jdbc, CountingStore store, MutableClock clock,
                        Pat4j pat4j) implements AutoCloseable {
        static Node start(HikariDataSource pool) {
            JdbcTokenStore jdbc = JdbcTokenStore.builder(pool).queryTimeout(QUERY_TIMEOUT).build();
            whileHealthy(() -> {
                jdbc.migrate();
                return null;
            });
            CountingStore counting = new CountingStore(jdbc);
            MutableClock clock = new MutableClock(Instant.now());
            Pat4j pat4j = Pat4j.builder().store(counting).scopes(AzureDevOpsScopes.catalog()).clock(clock)
                    .policy(TokenPolicy.builder().maxActiveTokensPerOwner(1000).build())
                    .breakerFailures(FAILURES).breakerCoolDown(COOL_DOWN)
                    // no background calls of its own while the test counts
                    .changePollInterval(Duration.ofHours(1)).lastUsedInterval(Duration.ofHours(1))
                    .build();
            return new Node(pool, jdbc, counting, clock, pat4j);
        }

        IssuedToken issue(String name) {
            return pat4j.tokens().create(NewToken.builder("alice", name).organization("acme")
                    .lifespan(Duration.ofDays(1)).scopes("code:read").build(), Actor.user("alice"));
        }

        ValidationResult check(IssuedToken t) {
            return assertTimeoutPreemptively(HANG_GUARD, () -> pat4j.validator().check("Bearer " + t.token(), "acme"));
        }

        @Override
        public void close() {
            pat4j.close();
            jdbc.close();
            pool.close();
        }
    }

    /**
     * A step before the outage, retried while the pool cannot hand out a connection within its
     * short timeout (250 ms, so that the outage shows fast), as happens on a loaded build machine:
     * the store is healthy then, so such a failure says nothing about the outage under test.
     */
    private static <T> T whileHealthy(Supplier<T> step) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return step.get();
            } catch (StoreUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static ValidationResult unavailable(IssuedToken t) {
        return new ValidationResult.Rejected(RejectionReason.STORE_UNAVAILABLE, t.info().id());
    }

    /** The outage, as every kind of it must look: call {@code restore} to end it. */
    private static void rideOutTheOutage(Node node, Runnable outage, Runnable restore) {
        IssuedToken cached = whileHealthy(() -> node.issue("cached"));
        assertThat(node.check(cached).authenticated()).isTrue();
        IssuedToken fresh = whileHealthy(() -> node.issue("never checked"));

        outage.run();
        for (int i = 0; i < FAILURES; i++) {
            assertThat(node.check(fresh)).as("failure %d, within the deadline", i + 1).isEqualTo(unavailable(fresh));
        }
        assertThat(node.pat4j().storeRetryAfter()).as("the breaker is open").contains(COOL_DOWN);
        int calls = node.store().findCalls();
        for (int i = 0; i < 20; i++) {
            assertThat(node.check(fresh)).isEqualTo(unavailable(fresh));
            assertThat(node.check(cached).authenticated()).as("cached, within its TTL").isTrue();
        }
        assertThatThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> node.pat4j().tokens().get(id(cached))))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(node.store().findCalls()).as("no store call while open").isEqualTo(calls);

        restore.run();
        assertThat(node.check(fresh)).as("back, but within the cool-down").isEqualTo(unavailable(fresh));
        assertThat(node.store().findCalls()).isEqualTo(calls);
        recovers(node, fresh);
        assertThat(node.pat4j().storeRetryAfter()).isEmpty();
        node.pat4j().tokens().revoke(id(cached), Actor.user("alice"));
        assertThat(node.check(cached)).isEqualTo(new ValidationResult.Rejected(RejectionReason.REVOKED, id(cached)));
    }

    /**
     * Steps pat4j's clock past the cool-down and lets the one probe through, until it succeeds
     * (bounded, 30 s): the pool may first hand out connections the outage broke (HikariCP checks
     * a connection only when it was idle for more than half a second, hence the pause between
     * probes), and each failed probe opens the breaker again.
     */
    private static void recovers(Node node, IssuedToken fresh) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            node.clock().advance(COOL_DOWN);
            int before = node.store().findCalls();
            ValidationResult result = node.check(fresh);
            assertThat(node.store().findCalls()).as("one probe").isEqualTo(before + 1);
            if (result.authenticated()) {
                return;
            }
            assertThat(result).isEqualTo(unavailable(fresh));
            if (System.nanoTime() > deadline) {
                throw new AssertionError("did not recover within 30 s of the database's return");
            }
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String id(IssuedToken t) {
        return t.info().id();
    }

    @Test
    void aStoppedH2TcpServer() throws Exception {
        Path base = temp.resolve("h2");
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", base.toString()).start();
        int port = server.getPort();
        Server[] running = {server};
        try (Node node = Node.start(pool("jdbc:h2:tcp://127.0.0.1:" + port + "/outage;DB_CLOSE_DELAY=-1", null))) {
            rideOutTheOutage(node, () -> running[0].stop(), () -> running[0] = start(() -> {
                try {
                    return Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir",
                            base.toString()).start();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        } finally {
            running[0].stop();
        }
    }

    @Test
    void aStoppedPostgres() throws Exception {
        Path data = temp.resolve("pgdata");
        EmbeddedPostgres[] pg = {EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start()};
        int port = pg[0].getPort();
        try (Node node = Node.start(pool("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres"))) {
            rideOutTheOutage(node, () -> close(pg[0]), () -> pg[0] = start(() -> {
                try {
                    return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                            .setPort(port).start();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        } finally {
            close(pg[0]);
        }
    }

    @Test
    void aHungPostgresWhoseTableIsLockedByAnotherTransaction() throws Exception {
        String schema = SharedPostgres.newSchema("hung");
        try (Node node = Node.start(SharedPostgres.pool(schema, 4));
             HikariDataSource other = SharedPostgres.pool(schema, 1);
             Connection holder = other.getConnection()) {
            rideOutTheOutage(node, () -> sql(holder, false, "LOCK TABLE pat4j_token IN ACCESS EXCLUSIVE MODE"),
                    () -> sql(holder, true, null));
        }
    }

    @Test
    void onH2AWriteWaitingForARowLockFailsWithinTheDeadlineAndTheSessionsTimeoutsArePutBack() throws Exception {
        // a generous wait for the connection: the pool's timeout is not what this test is about
        HikariDataSource pool = pool("jdbc:h2:mem:hung-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", null, 2, 5000);
        long lockTimeout = lockTimeout(pool);
        try (Node node = Node.start(pool);
             Connection holder = java.sql.DriverManager.getConnection(pool.getJdbcUrl())) {
            IssuedToken t = node.issue("locked");
            sql(holder, false, "UPDATE pat4j_token SET name = name WHERE id = '" + id(t) + "'");
            assertThatThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD,
                    () -> node.pat4j().tokens().revoke(id(t), Actor.user("alice"))))
                    .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("HYT00");
            // H2 reads never wait for row locks (MVCC): the token's own row is locked, yet it loads.
            assertThat(node.check(t).authenticated()).isTrue();
            sql(holder, true, null);
            node.pat4j().tokens().revoke(id(t), Actor.user("alice"));

            assertThat(lockTimeout(pool)).as("the pooled connection's lock timeout, as it was").isEqualTo(lockTimeout)
                    .isNotEqualTo(QUERY_TIMEOUT.toMillis());
        }
    }

    private static long lockTimeout(DataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT LOCK_TIMEOUT()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sql(Connection c, boolean rollback, String statement) {
        try {
            if (rollback) {
                c.rollback();
                return;
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T start(Supplier<T> server) {
        return server.get();
    }

    private static void close(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HikariDataSource pool(String url, String user) {
        return pool(url, user, 4, 250);
    }

    private static HikariDataSource pool(String url, String user, int size, long connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(connectionTimeout);
        config.setValidationTimeout(250);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
