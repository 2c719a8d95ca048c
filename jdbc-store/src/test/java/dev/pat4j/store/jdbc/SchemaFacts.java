package dev.pat4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/** What a database's current schema holds, read through JDBC the same way on H2 and PostgreSQL. */
final class SchemaFacts {
    private SchemaFacts() {
    }

    /** The tables of the current schema, lower-case. */
    static Set<String> tables(DataSource ds) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Connection c = ds.getConnection();
             ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", null)) {
            while (rs.next()) {
                if (rs.getString("TABLE_TYPE").contains("TABLE")) {
                    out.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** The indexes on pat4j_token by lower-case name, each as its columns: {@code owner A}, {@code created_at D}. */
    static Map<String, List<String>> tokenIndexes(DataSource ds) throws SQLException {
        Map<String, TreeMap<Integer, String>> byPosition = new TreeMap<>();
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String table = md.storesUpperCaseIdentifiers() ? "PAT4J_TOKEN" : "pat4j_token";
            try (ResultSet rs = md.getIndexInfo(c.getCatalog(), c.getSchema(), table, false, false)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    String column = rs.getString("COLUMN_NAME");
                    if (name == null || column == null) {
                        continue;
                    }
                    byPosition.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new TreeMap<>())
                            .put((int) rs.getShort("ORDINAL_POSITION"),
                                    column.toLowerCase(Locale.ROOT) + " " + rs.getString("ASC_OR_DESC"));
                }
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        byPosition.forEach((name, columns) -> out.put(name, List.copyOf(columns.values())));
        return out;
    }

    /** Schema version 2 is in place: the owner listing index, and no index on owner alone. */
    static void assertVersion2(DataSource ds) throws SQLException {
        Map<String, List<String>> indexes = tokenIndexes(ds);
        assertThat(indexes).as("indexes on pat4j_token")
                .containsEntry("pat4j_token_owner_created_idx", List.of("owner A", "created_at D", "id A"))
                .doesNotContainKey("pat4j_token_owner_idx")
                .containsKey("pat4j_token_expiry_idx");
    }

    /** Schema version 6 is in place: one index per paging order, the owner first and the id last. */
    static void assertVersion6(DataSource ds) throws SQLException {
        assertThat(tokenIndexes(ds)).as("indexes on pat4j_token")
                .containsEntry("pat4j_token_owner_created_id_idx", List.of("owner A", "created_at A", "id A"))
                .containsEntry("pat4j_token_owner_expires_idx", List.of("owner A", "expires_at A", "id A"))
                .containsEntry("pat4j_token_owner_name_idx", List.of("owner A", "name A", "id A"))
                .containsKey("pat4j_token_owner_created_idx"); // version 2's, for findByOwner's order
    }

    /** Schema version 3 is in place: pat4j_token has the nullable created_via column. */
    static void assertVersion3(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String table = md.storesUpperCaseIdentifiers() ? "PAT4J_TOKEN" : "pat4j_token";
            String column = md.storesUpperCaseIdentifiers() ? "CREATED_VIA" : "created_via";
            try (ResultSet rs = md.getColumns(c.getCatalog(), c.getSchema(), table, column)) {
                assertThat(rs.next()).as("pat4j_token.created_via").isTrue();
                assertThat(rs.getInt("NULLABLE")).as("created_via is nullable").isEqualTo(DatabaseMetaData.columnNullable);
            }
        }
    }

    /** The versions in migrate()'s own table, in order. */
    static List<Integer> recordedVersions(DataSource ds) throws SQLException {
        return ints(ds, "SELECT version FROM pat4j_schema_version ORDER BY version");
    }

    /** Every row of migrate()'s own table, as text. */
    static List<String> recordedRows(DataSource ds) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, description, checksum, installed_at"
                     + " FROM pat4j_schema_version ORDER BY version")) {
            while (rs.next()) {
                out.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getObject(4));
            }
        }
        return out;
    }

    /** Flyway's history of pat4j's migrations: {@code version type success}, in installed order. */
    static List<String> flywayHistory(DataSource ds) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\", \"type\", \"success\" FROM \"pat4j_schema_history\""
                     + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3));
            }
        }
        return out;
    }

    /** Liquibase's record of pat4j's changesets: {@code id exectype}, in execution order. */
    static List<String> liquibaseHistory(DataSource ds) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID, EXECTYPE FROM DATABASECHANGELOG WHERE AUTHOR = 'pat4j'"
                     + " ORDER BY ORDEREXECUTED")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return out;
    }

    /** Runs {@code sql} in its own transaction. */
    static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            boolean autoCommit = c.getAutoCommit();
            s.execute(sql);
            if (!autoCommit) {
                c.commit();
            }
        }
    }

    private static List<Integer> ints(DataSource ds, String sql) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }
}
