package dev.pat4j.store.jdbc.internal;

import dev.pat4j.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Runs each store operation as one transaction on a connection borrowed for that operation
 * only: autocommit off, commit on success, rollback on any failure, connection always closed.
 * Nothing is cached between operations, so a database that comes back is used again at once.
 * A {@link SQLException} becomes a {@link StoreUnavailableException} whose message names the
 * operation and the SQLState, never a value.
 *
 * <p>With a deadline, every statement of an operation is cancelled by the database once it has
 * run that long, lock waits included (SQLState {@code 57014} on PostgreSQL, {@code HYT00} on H2),
 * which fails the operation like any other database error. {@code Statement.setQueryTimeout}
 * counts whole seconds, so the deadline is the databases' own millisecond setting instead, scoped
 * to the operation's transaction: PostgreSQL's {@code SET LOCAL statement_timeout}, which ends with
 * the transaction; H2's session settings {@code QUERY_TIMEOUT} (running statements) and
 * {@code LOCK_TIMEOUT} (waits for row locks, which {@code QUERY_TIMEOUT} does not cut short), set
 * for the operation and then put back to the values the connection had, so a pooled connection
 * returns to the application as it came.
 */
public final class Transactions {
    private static final long SOCKET_MARGIN_MILLIS = 250;
    private final DataSource dataSource;
    private final boolean postgres;
    private final long deadlineMillis; // 0: none

    /** Operations without a deadline (schema migrations, which may wait minutes for a lock on purpose). */
    public Transactions(DataSource dataSource) {
        this(dataSource, false, 0);
    }

    /** Operations whose every statement is cancelled after {@code deadlineMillis} (0: never). */
    public Transactions(DataSource dataSource, boolean postgres, long deadlineMillis) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.deadlineMillis = deadlineMillis;
    }

    /** Work done on a connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction; {@code operation} names it in error messages. */
    public <T> T run(String operation, Work<T> work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw unavailable(operation, e);
        }
        try {
            return inTransaction(connection, work, postgres, deadlineMillis);
        } catch (SQLException e) {
            throw unavailable(operation, e);
        } finally {
            close(connection);
        }
    }

    /** A failure to close after a commit must not turn a done operation into a failed one. */
    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // The pool or driver discards the connection; the transaction has ended either way.
        }
    }

    private static <T> T inTransaction(Connection connection, Work<T> work, boolean postgres, long deadline)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        long[] h2Before = null;
        try {
            if (deadline > 0) {
                boundSocketWaits(connection, deadline);
                if (postgres) {
                    execute(connection, "SET LOCAL statement_timeout = " + deadline);
                } else {
                    h2Before = h2Timeouts(connection);
                    execute(connection, "SET QUERY_TIMEOUT " + deadline + "; SET LOCK_TIMEOUT " + deadline);
                }
            }
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollback(connection, e);
            throw e;
        } finally {
            if (h2Before != null) {
                restoreH2Timeouts(connection, h2Before);
            }
            if (autoCommit) {
                restoreAutoCommit(connection);
            }
        }
    }

    /**
     * The database's own timeout ends a statement only if the database hears it; over a silent
     * network path (a stalled link, a lost route) nothing comes back, so the driver's wait for an
     * answer is bounded too: a little longer than the deadline, so a statement the database
     * cancels fails with its own error first. The pool puts the connection's own setting back when
     * it is returned; a driver that does not support it (H2 embedded) has no network to wait on.
     */
    private static void boundSocketWaits(Connection connection, long deadline) throws SQLException {
        try {
            connection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, deadline + SOCKET_MARGIN_MILLIS));
        } catch (SQLFeatureNotSupportedException e) {
            // nothing to bound
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** This H2 session's QUERY_TIMEOUT and LOCK_TIMEOUT, in milliseconds. */
    private static long[] h2Timeouts(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT CAST(SETTING_VALUE AS BIGINT) FROM INFORMATION_SCHEMA.SETTINGS"
                     + " WHERE SETTING_NAME = 'QUERY_TIMEOUT'), LOCK_TIMEOUT()")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static void restoreH2Timeouts(Connection connection, long[] before) {
        try {
            execute(connection, "SET QUERY_TIMEOUT " + before[0] + "; SET LOCK_TIMEOUT " + before[1]);
        } catch (SQLException | RuntimeException e) {
            // The connection is broken; the pool discards it, settings and all.
        }
    }

    private static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            // The connection is broken; closing it (next) is all that is left to do.
        }
    }

    /** The exception management calls and the validator see when the database fails. */
    public static StoreUnavailableException unavailable(String operation, SQLException e) {
        String state = e.getSQLState() == null ? "unknown" : e.getSQLState();
        return new StoreUnavailableException("token store unavailable: could not " + operation
                + " (SQLState " + state + ")", e);
    }

    /**
     * How a token id appears in a message: as itself when it looks like an id, otherwise
     * generically, so that arbitrary text handed to a management call never reaches a log line.
     */
    public static String describe(String tokenId) {
        return tokenId != null && tokenId.matches("[0-9A-Za-z_-]{1,64}") ? "token " + tokenId : "a token";
    }

    /** Whether {@code e} (or one chained to it) reports a unique-key violation. */
    public static boolean isUniqueViolation(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if ("23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
