package dev.pat4j.store.jdbc.internal;

import dev.pat4j.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs each store operation as one transaction on a connection borrowed for that operation
 * only: autocommit off, commit on success, rollback on any failure, connection always closed.
 * Nothing is cached between operations, so a database that comes back is used again at once.
 * A {@link SQLException} becomes a {@link StoreUnavailableException} whose message names the
 * operation and the SQLState, never a value.
 */
public final class Transactions {
    private final DataSource dataSource;

    public Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
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
            return inTransaction(connection, work);
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

    private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollback(connection, e);
            throw e;
        } finally {
            if (autoCommit) {
                restoreAutoCommit(connection);
            }
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
