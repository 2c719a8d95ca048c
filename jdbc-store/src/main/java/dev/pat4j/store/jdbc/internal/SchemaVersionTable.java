package dev.pat4j.store.jdbc.internal;

import dev.pat4j.store.jdbc.SchemaVersionException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code pat4j_schema_version}: the versions {@code JdbcTokenStore.migrate()} applied itself,
 * one row each with the SHA-256 of the file it ran. Used only when neither Flyway nor Liquibase
 * manages pat4j's schema; those keep their own history and this table is never created.
 * Stateless (the caller's connection and transaction do the work), hence thread-safe.
 */
public final class SchemaVersionTable {
    public static final String NAME = "pat4j_schema_version";

    private static final String CREATE = "CREATE TABLE IF NOT EXISTS " + NAME + " ("
            + " version INT NOT NULL PRIMARY KEY,"
            + " description VARCHAR(200) NOT NULL,"
            + " checksum VARCHAR(64) NOT NULL,"
            + " installed_at TIMESTAMP WITH TIME ZONE NOT NULL)";
    private static final String READ = "SELECT version, checksum FROM " + NAME + " ORDER BY version";
    private static final String RECORD =
            "INSERT INTO " + NAME + " (version, description, checksum, installed_at) VALUES (?, ?, ?, ?)";

    private SchemaVersionTable() {
    }

    /** Creates the table if it does not exist (the caller holds the migration lock). */
    public static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(CREATE);
        }
    }

    /** The applied versions and their checksums, by version. */
    public static Map<Integer, String> read(Connection c) throws SQLException {
        Map<Integer, String> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(READ)) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getString(2));
            }
        }
        return out;
    }

    /** Records {@code m} as applied at {@code at}, in the caller's transaction. */
    public static void record(Connection c, Migration m, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RECORD)) {
            ps.setInt(1, m.version());
            ps.setString(2, m.description());
            ps.setString(3, m.checksum());
            TokenRows.setInstant(ps, 4, at);
            ps.executeUpdate();
        }
    }

    /**
     * The shipped migrations not yet applied, oldest first.
     *
     * @throws SchemaVersionException if an applied version is newer than {@code shipped} knows,
     *     or was applied from a file other than the one shipped (its checksum differs)
     */
    public static List<Migration> pending(List<Migration> shipped, Map<Integer, String> applied) {
        int latest = shipped.get(shipped.size() - 1).version();
        for (int version : applied.keySet()) {
            if (version > latest) {
                throw new SchemaVersionException(version, "the pat4j schema is at version " + version
                        + " (table " + NAME + "), newer than this pat4j-jdbc knows (its latest is version "
                        + latest + "): run a pat4j-jdbc that ships version " + version + " or later");
            }
            if (version < 1) {
                throw new SchemaVersionException(version, "table " + NAME + " records version " + version
                        + ", which pat4j never shipped: the table was written by something other than pat4j");
            }
        }
        List<Migration> pending = new ArrayList<>();
        for (Migration m : shipped) {
            String recorded = applied.get(m.version());
            if (recorded == null) {
                pending.add(m);
            } else if (!recorded.equals(m.checksum())) {
                throw new SchemaVersionException(m.version(), "pat4j schema " + m.label()
                        + " was applied from a file whose SHA-256 is " + recorded + " (table " + NAME
                        + "), but this pat4j-jdbc ships " + m.script().resource() + " with SHA-256 "
                        + m.checksum() + ": a released migration was edited, which pat4j never does"
                        + " (changes always come as a new version)");
            }
        }
        return List.copyOf(pending);
    }
}
