package dev.pat4j.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Serialises {@code JdbcTokenStore.migrate()} on H2 between threads, store objects and JVMs:
 * the row lock on the single row of {@code pat4j_schema_lock}, held by a transaction on a
 * connection of its own until {@link #close()}. Processes that share an H2 file through
 * {@code AUTO_SERVER} all reach the one database engine of the first of them, so a lock in the
 * database covers them all, where a lock in one JVM would not.
 *
 * <p>Why a connection of its own: H2 commits the open transaction before each DDL statement,
 * which would release a row lock taken on the connection that runs the migration. Why a row
 * lock: H2 has no advisory locks, and a row lock ends with its session, so a node that dies
 * mid-migration leaves nothing locked (a "locked" flag, as Liquibase keeps, would stay set
 * until someone cleared it by hand). While it waits, a node retries each time H2's lock
 * timeout expires, for at most {@link #WAIT}.
 *
 * <p>Migration therefore needs two connections of the data source at once on H2. Not
 * thread-safe: one migrating thread owns it.
 */
public final class H2SchemaLock implements AutoCloseable {
    /** The lock table; it never holds more than its one row. */
    public static final String TABLE = "pat4j_schema_lock";

    /** How long a node waits for another node's migration before giving up. */
    static final Duration WAIT = Duration.ofMinutes(5);

    private static final String CREATE = "CREATE TABLE IF NOT EXISTS " + TABLE + " (id INT NOT NULL PRIMARY KEY)";
    private static final String SEED = "INSERT INTO " + TABLE + " (id) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM "
            + TABLE + ")";
    private static final String LOCK = "SELECT id FROM " + TABLE + " WHERE id = 1 FOR UPDATE";

    private final Connection connection;
    private final boolean autoCommit;

    private H2SchemaLock(Connection connection, boolean autoCommit) {
        this.connection = connection;
        this.autoCommit = autoCommit;
    }

    /** Takes the lock on a new connection of {@code dataSource}, waiting for another holder. */
    public static H2SchemaLock acquire(DataSource dataSource) throws SQLException {
        Connection c = dataSource.getConnection();
        boolean autoCommit;
        try {
            autoCommit = c.getAutoCommit();
            c.setAutoCommit(true);
            seed(c);
            c.setAutoCommit(false);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            throw e;
        }
        H2SchemaLock lock = new H2SchemaLock(c, autoCommit);
        try {
            lock.waitForRow();
        } catch (SQLException | RuntimeException e) {
            lock.close();
            throw e;
        }
        return lock;
    }

    /** Racing nodes may both find the table or the row missing; the loser's error is harmless. */
    private static void seed(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            try {
                s.execute(CREATE);
            } catch (SQLException e) {
                if (!"42S01".equals(e.getSQLState())) { // table already exists
                    throw e;
                }
            }
            try {
                s.executeUpdate(SEED);
            } catch (SQLException e) {
                if (!Transactions.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private void waitForRow() throws SQLException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try (Statement s = connection.createStatement()) {
                s.executeQuery(LOCK).close();
                return;
            } catch (SQLException e) {
                // HYT00: H2's lock timeout expired while another node migrates; 40001: deadlock
                boolean busy = "HYT00".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
                if (!busy || System.nanoTime() > deadline) {
                    throw e;
                }
                connection.rollback();
                pause(e);
            }
        }
    }

    /** A short pause between attempts, in case H2's lock timeout is set to zero. */
    private static void pause(SQLException cause) throws SQLException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            SQLException interrupted = new SQLException("interrupted while waiting for the schema lock", "57014", e);
            interrupted.addSuppressed(cause);
            throw interrupted;
        }
    }

    /** Releases the lock (ends its transaction) and returns the connection. */
    @Override
    public void close() {
        try {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        } catch (SQLException | RuntimeException e) {
            // Closing the connection (next) ends the session, and with it the lock.
        }
        closeQuietly(connection, null);
    }

    private static void closeQuietly(Connection c, Throwable failure) {
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }
}
