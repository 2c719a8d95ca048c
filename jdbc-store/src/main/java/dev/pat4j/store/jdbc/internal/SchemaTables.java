package dev.pat4j.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * Looks up tables in the connection's current schema, where the store's unqualified SQL finds
 * its own. Names are matched ignoring case, because the same table is {@code PAT4J_TOKEN} on H2
 * and {@code pat4j_token} on PostgreSQL, and Flyway quotes its lower-case name on both.
 * Stateless, hence thread-safe.
 */
public final class SchemaTables {
    private static final String FIND = "SELECT table_name FROM information_schema.tables"
            + " WHERE table_schema = CURRENT_SCHEMA AND LOWER(table_name) = ?";

    private SchemaTables() {
    }

    /** The name of table {@code name} as the database stores it, if the current schema has it. */
    public static Optional<String> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, name.toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Whether the current schema has table {@code name}. */
    public static boolean exists(Connection c, String name) throws SQLException {
        return find(c, name).isPresent();
    }

    /** {@code storedName} as a quoted identifier, so that it is used in exactly that case. */
    public static String quoted(String storedName) {
        return '"' + storedName.replace("\"", "\"\"") + '"';
    }
}
