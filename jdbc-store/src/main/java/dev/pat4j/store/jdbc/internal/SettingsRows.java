package dev.pat4j.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code pat4j_settings} (schema version 4): the name-value rows of the settings fingerprint.
 * A replacement reads the rows under lock, compares them with what the caller read, and only
 * then deletes and inserts, so a caller that lost a race changes nothing: either its comparison
 * fails, or (first writers on an empty table) its delete finds the rows another committed meanwhile
 * or its insert hits the other's primary key, which {@link Lost} turns into a rollback. Stateless (the caller's connection and transaction do the
 * work), hence thread-safe.
 */
public final class SettingsRows {
    public static final String TABLE = "pat4j_settings";

    private static final String READ = "SELECT setting_name, setting_value FROM " + TABLE;
    private static final String DELETE = "DELETE FROM " + TABLE;
    private static final String INSERT = "INSERT INTO " + TABLE + " (setting_name, setting_value) VALUES (?, ?)";

    private SettingsRows() {
    }

    /** The recorded settings; empty when the schema predates the table. */
    public static Optional<Map<String, String>> read(Connection c) throws SQLException {
        if (!SchemaTables.exists(c, TABLE)) {
            return Optional.empty();
        }
        return Optional.of(rows(c, READ));
    }

    /**
     * Replaces the rows by {@code replacement} if they are exactly {@code expected}.
     *
     * @return false if they were not (nothing was changed)
     * @throws Lost if another transaction recorded rows meanwhile; the caller rolls back and answers false
     */
    public static boolean replace(Connection c, Map<String, String> expected, Map<String, String> replacement)
            throws SQLException {
        if (!SchemaTables.exists(c, TABLE)) {
            return false;
        }
        if (!rows(c, READ + " FOR UPDATE").equals(expected)) {
            return false;
        }
        try (Statement s = c.createStatement()) {
            // FOR UPDATE locks no row of an empty table: a writer that read it empty, racing one that
            // has since committed, would delete the winner's rows here and win too. The count tells.
            if (s.executeUpdate(DELETE) != expected.size()) {
                throw new Lost();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Map.Entry<String, String> e : new TreeMap<>(replacement).entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            if (Transactions.isUniqueViolation(e)) {
                throw new Lost();
            }
            throw e;
        }
        return true;
    }

    private static Map<String, String> rows(Connection c, String sql) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /** Another writer recorded settings first: roll back and report that the replacement did not happen. */
    public static final class Lost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Lost() {
            super("settings recorded by another writer first", null, false, false);
        }
    }
}
