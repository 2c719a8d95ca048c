package dev.pat4j.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code JdbcTokenStore.migrate()}: checks pat4j's schema where Flyway or Liquibase manages it,
 * and otherwise applies the pending versions itself, recording each in
 * {@link SchemaVersionTable}. Safe to run from several threads and nodes at once.
 *
 * <p>Each version is applied in a transaction of its own that first takes the migration lock,
 * then reads the recorded versions and applies the oldest pending one: a node that waited for
 * another therefore finds that version recorded and moves on, and at most one node applies
 * each version. On PostgreSQL the lock is the transaction-scoped advisory lock that pat4j 0.1's
 * schema script and every pat4j migration also take (same key), so it ends with each
 * transaction, and a 0.1 node creating its schema at the same moment is serialised too. On H2
 * it is {@link H2SchemaLock}, held around all of it.
 *
 * <p>A database that pat4j 0.1 created (its tables, no version recorded) is adopted: version
 * 1, the 0.1 schema statement for statement and idempotent, runs over it without changing
 * anything and is recorded, and the later versions follow.
 */
public final class SchemaMigrator {
    /** The key of pat4j's PostgreSQL advisory lock: the one in pat4j 0.1's schema script. */
    public static final long POSTGRES_LOCK_KEY = 7400437366504011L;

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final String OPERATION = "migrate the token store schema";

    private final DataSource dataSource;
    private final Transactions tx;
    private final boolean postgres;
    private final String folder;
    private final Clock clock;

    /**
     * @param dataSource the store's data source; on H2 migration holds two of its connections
     * @param folder the dialect's migration folder on the class path, such as
     *     {@code META-INF/pat4j/db/h2}
     * @param postgres whether the database is PostgreSQL (otherwise H2)
     * @param clock stamps the recorded versions
     */
    public SchemaMigrator(DataSource dataSource, String folder, boolean postgres, Clock clock) {
        this.dataSource = dataSource;
        this.tx = new Transactions(dataSource);
        this.folder = folder;
        this.postgres = postgres;
        this.clock = clock;
    }

    /** See {@code JdbcTokenStore.migrate()}. */
    public void migrate() {
        List<Migration> shipped = Migrations.load(folder);
        List<ToolHistory> managed = tx.run("read the token store schema history", c -> ToolHistory.find(c, folder));
        if (!managed.isEmpty()) {
            for (ToolHistory history : managed) {
                history.verify(shipped);
            }
            LOG.debug("pat4j schema is managed by {} and at version {}", managed.get(0).tool(), Migrations.latest());
            return;
        }
        if (postgres) {
            applyPending(shipped);
            return;
        }
        H2SchemaLock lock;
        try {
            lock = H2SchemaLock.acquire(dataSource);
        } catch (SQLException e) {
            throw Transactions.unavailable("lock the token store schema", e);
        }
        try (lock) {
            applyPending(shipped);
        }
    }

    private void applyPending(List<Migration> shipped) {
        // Each round applies one version or ends; one round more than there are versions is a bug.
        for (int round = 0; round <= shipped.size(); round++) {
            if (tx.run(OPERATION, c -> applyNext(c, shipped)).isEmpty()) {
                return;
            }
        }
        throw new IllegalStateException("pat4j schema migration did not converge");
    }

    private Optional<Migration> applyNext(Connection c, List<Migration> shipped) throws SQLException {
        if (postgres) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + POSTGRES_LOCK_KEY + ")");
            }
        }
        SchemaVersionTable.create(c);
        Map<Integer, String> applied = SchemaVersionTable.read(c);
        List<Migration> pending = SchemaVersionTable.pending(shipped, applied);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        Migration next = pending.get(0);
        if (applied.isEmpty() && SchemaTables.exists(c, "pat4j_token")) {
            LOG.info("adopting a pat4j schema without recorded versions (as pat4j 0.1 created it)");
        }
        next.script().run(c);
        SchemaVersionTable.record(c, next, clock.instant());
        LOG.info("pat4j schema: applied {}", next.label());
        return Optional.of(next);
    }
}
