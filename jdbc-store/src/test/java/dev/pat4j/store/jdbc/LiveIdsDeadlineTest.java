package dev.pat4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The filter of live ids reads every live row, in the background; at a hundred thousand
 * tokens or more that takes longer than a request's statement deadline, which used to cancel the read
 * (SQLState HYT00 on H2, 57014 on PostgreSQL), so a large store ran without a filter. The two
 * bulk reads now have a deadline of their own; a request's read keeps the short one.
 */
class LiveIdsDeadlineTest {
    private static final int ROWS = 100_000;
    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    @Test
    void theLiveIdReadsOutlastTheStatementDeadlineOfRequests() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:pat4j-live-ids-deadline;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        JdbcTokenStore store = JdbcTokenStore.builder(ds).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .queryTimeout(Duration.ofMillis(1)).build();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            store.migrate();
            s.execute("INSERT INTO pat4j_token (id, owner, name, organization, scopes, created_at, created_by,"
                    + " created_via, expires_at, salt, hash, hash_algorithm, expiry_notified, version)"
                    + " SELECT 'id' || LPAD(CAST(X AS VARCHAR), 10, '0'), 'owner' || MOD(X, 1000), 'n', NULL, 'code:read',"
                    + " TIMESTAMP WITH TIME ZONE '2026-12-01 00:00:00+00', 'test', 'test',"
                    + " TIMESTAMP WITH TIME ZONE '2027-12-01 00:00:00+00', X'00', X'00', 'sha256', FALSE, 1"
                    + " FROM SYSTEM_RANGE(1, " + ROWS + ")");
            assertThat(store.countLive(NOW)).isEqualTo(ROWS);
            AtomicLong seen = new AtomicLong();
            store.forEachLiveId(NOW, id -> seen.incrementAndGet());
            assertThat(seen).hasValue(ROWS);
            s.execute("SHUTDOWN");
        } finally {
            store.close();
        }
    }
}
