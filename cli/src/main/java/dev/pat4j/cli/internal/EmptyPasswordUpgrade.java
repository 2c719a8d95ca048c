package dev.pat4j.cli.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Gives an H2 database of pat 0.1, made with the empty password, the password pat now keeps for
 * it: connects with the empty password (alone, or through the automatic server of a process
 * that holds it, such as a running 0.1 demo) and sets the password of its user. Stateless.
 */
final class EmptyPasswordUpgrade {
    /** H2: wrong user name or password. */
    static final int WRONG_PASSWORD = 28000;
    /** H2: the database is open in another process. */
    static final int IN_USE = 90020;

    private EmptyPasswordUpgrade() {
    }

    /**
     * Sets {@code plan}'s password on its database.
     *
     * @throws CliFailure if the database has a password other than the empty one (then it is
     *     not pat's file that it lacks, and nothing is changed)
     * @throws SQLException if the database cannot be reached
     */
    static void run(ConnectionPlan plan, DatabaseLocation location) throws SQLException {
        String solo = plan.soloUrl();
        if (solo == null || plan.password() == null) {
            throw new IllegalStateException("not a database of pat's own");
        }
        try (Connection connection = connect(solo, plan.user())) {
            setPassword(connection, plan.password());
        } catch (SQLException e) {
            if (e.getErrorCode() == WRONG_PASSWORD) {
                throw new CliFailure("the database " + location.displayUrl() + " has a password, and not the one in "
                        + plan.files().passwordFile() + ": give it with pat4j.store.password or $PAT_DB_PASSWORD");
            }
            throw e;
        }
    }

    private static Connection connect(String soloUrl, String user) throws SQLException {
        String name = user == null ? "" : user;
        try {
            return DriverManager.getConnection(soloUrl, name, "");
        } catch (SQLException e) {
            if (e.getErrorCode() != IN_USE) {
                throw e;
            }
            // another process holds it: it serves it, and its server takes the same credentials
            return DriverManager.getConnection(ConnectionPlan.shared(soloUrl), name, "");
        }
    }

    private static void setPassword(Connection connection, String password) throws SQLException {
        String user;
        try (Statement statement = connection.createStatement();
             ResultSet r = statement.executeQuery("SELECT CURRENT_USER")) {
            r.next();
            user = r.getString(1);
        }
        // a parameter, so that the password is in no statement text an error message could repeat
        try (PreparedStatement alter = connection.prepareStatement("ALTER USER " + quotedIdentifier(user)
                + " SET PASSWORD ?")) {
            alter.setString(1, password);
            alter.execute();
        }
    }

    private static String quotedIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
