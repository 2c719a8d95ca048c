package dev.pat4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pat4j.store.DuplicateTokenIdException;
import dev.pat4j.store.StoredToken;
import dev.pat4j.store.TokenChange;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an in-memory H2 database, one new database per test. */
class H2TokenStoreTest extends JdbcTokenStoreContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** LOCK_TIMEOUT: H2's default of two seconds is short for racing threads on a loaded 2-core build machine. */
    @Override
    protected DataSource freshDatabase() {
        return h2("jdbc:h2:mem:pat4j-contract-" + DATABASES.incrementAndGet()
                + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    }

    @Override
    protected void releaseDatabase(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    @Override
    protected DataSource unreachableDatabase() {
        return h2("jdbc:h2:mem:pat4j-never-created;IFEXISTS=TRUE");
    }

    @Override
    protected JdbcDialect expectedDialect() {
        return JdbcDialect.H2;
    }

    @Test
    void subscribersOfThisStoreAreWokenByEachCommittedInsertAndUpdateOnly() throws Exception {
        AtomicInteger wakeUps = new AtomicInteger();
        AutoCloseable subscription = store.onChange(wakeUps::incrementAndGet);
        StoredToken t = token(nextId(), "alice", T0, T0.plus(3, ChronoUnit.DAYS));
        store.insert(t);
        assertThat(wakeUps).as("an insert is on the feed too").hasValue(1);
        assertThatThrownBy(() -> store.insert(t)).isInstanceOf(DuplicateTokenIdException.class);

        assertThat(store.update(t.withScopes("a"))).isTrue();
        assertThat(store.update(t.withScopes("stale"))).isFalse();
        assertThat(wakeUps).hasValue(2);

        subscription.close();
        assertThat(store.update(t.withScopes("a").withScopes("b"))).isTrue();
        assertThat(wakeUps).hasValue(2);
    }

    @Test
    void tokensAndTheFeedSurviveReopeningAFileDatabase(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("tokens").toAbsolutePath();
        StoredToken t = token(nextId(), "alice", T0, T0.plus(3, ChronoUnit.DAYS));
        JdbcTokenStore first = JdbcTokenStore.builder(h2(url)).build();
        first.migrate();
        first.insert(t);
        assertThat(first.update(t.withRevocation(T0.plusSeconds(1), "admin"))).isTrue();
        first.close();
        releaseDatabase(h2(url)); // SHUTDOWN: the file is closed, as at a process exit

        JdbcTokenStore reopened = JdbcTokenStore.builder(h2(url)).build();
        reopened.migrate();
        assertThat(reopened.find(t.id())).contains(t.withRevocation(T0.plusSeconds(1), "admin"));
        assertThat(reopened.changesSince(0, 10)).containsExactly(new TokenChange(1, t.id()), new TokenChange(2, t.id()));
        releaseDatabase(h2(url));
    }

    private static DataSource h2(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        return ds;
    }

    @Override
    protected String plan(String sql, Parameters parameters) throws Exception {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
            parameters.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    /** H2 names the index it reads and marks an ORDER BY it needs not sort for "index sorted". */
    @Override
    protected void assertReadThroughIndexWithoutSort(String plan, String index, boolean after) {
        assertThat(plan).as("H2's plan").contains("PUBLIC." + index.toUpperCase(java.util.Locale.ROOT))
                .contains("/* index sorted */");
    }
}
