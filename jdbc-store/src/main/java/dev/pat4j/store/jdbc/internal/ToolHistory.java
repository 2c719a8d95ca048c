package dev.pat4j.store.jdbc.internal;

import dev.pat4j.store.jdbc.SchemaVersionException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Flyway or Liquibase recorded about pat4j's migrations, when one of them manages pat4j's
 * schema: then {@code JdbcTokenStore.migrate()} changes nothing and only checks, through
 * {@link #verify}, that every version this jar ships was applied. Immutable once read.
 *
 * <p>Flyway manages pat4j's schema when its history table {@code pat4j_schema_history} (the
 * name pat4j's README configures) exists. Liquibase does when its {@code DATABASECHANGELOG}
 * holds changesets of author {@code pat4j} from pat4j's folder: an application that uses
 * Liquibase only for its own tables shares that table, and pat4j's runner still applies
 * pat4j's versions there.
 */
public final class ToolHistory {
    /** The Flyway history table name pat4j's README tells applications to configure. */
    public static final String FLYWAY_TABLE = "pat4j_schema_history";
    /** Liquibase's default change log table. */
    public static final String LIQUIBASE_TABLE = "databasechangelog";

    private final String tool;
    private final String table;
    private final String remedy;
    private final Set<Integer> applied;
    private final Set<Integer> failed;
    private final int baseline;

    private ToolHistory(String tool, String table, String remedy, Set<Integer> applied, Set<Integer> failed,
                        int baseline) {
        this.tool = tool;
        this.table = table;
        this.remedy = remedy;
        this.applied = Set.copyOf(applied);
        this.failed = Set.copyOf(failed);
        this.baseline = baseline;
    }

    /**
     * The histories of the tools that manage pat4j's schema in the connection's current
     * schema; empty when neither does. {@code folder} (such as {@code META-INF/pat4j/db/h2})
     * is named in messages.
     */
    public static List<ToolHistory> find(Connection c, String folder) throws SQLException {
        List<ToolHistory> out = new ArrayList<>();
        Optional<String> flyway = SchemaTables.find(c, FLYWAY_TABLE);
        if (flyway.isPresent()) {
            out.add(readFlyway(c, flyway.get(), folder));
        }
        Optional<String> liquibase = SchemaTables.find(c, LIQUIBASE_TABLE);
        if (liquibase.isPresent()) {
            readLiquibase(c, liquibase.get(), folder).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /*
     * Flyway quotes its identifiers, so its columns are lower-case on H2 as on PostgreSQL.
     * Rows come in installed order: a later DELETE row (from "flyway repair") cancels an
     * earlier success; a successful BASELINE row stands for every version up to its own.
     */
    private static ToolHistory readFlyway(Connection c, String table, String folder) throws SQLException {
        Set<Integer> applied = new TreeSet<>();
        Set<Integer> failed = new TreeSet<>();
        int baseline = 0;
        String sql = "SELECT \"version\", \"type\", \"success\" FROM " + SchemaTables.quoted(table)
                + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                int version = version("Flyway", table, rs.getString(1));
                String type = rs.getString(2);
                boolean success = rs.getBoolean(3);
                if ("DELETE".equals(type)) {
                    applied.remove(version);
                } else if (!success) {
                    failed.add(version);
                } else if ("BASELINE".equals(type)) {
                    baseline = Math.max(baseline, version);
                } else if (type == null || !type.startsWith("UNDO")) {
                    applied.add(version);
                    failed.remove(version);
                }
            }
        }
        String remedy = "run Flyway with locations classpath:" + folder + " and table " + FLYWAY_TABLE;
        return new ToolHistory("Flyway", table, remedy, applied, failed, baseline);
    }

    /*
     * Liquibase creates its table and columns unquoted, so they are upper-case on H2 and
     * lower-case on PostgreSQL, which unquoted names in this query match. pat4j's changesets
     * pin their logicalFilePath under META-INF/pat4j/db/, whoever includes them.
     */
    private static Optional<ToolHistory> readLiquibase(Connection c, String table, String folder)
            throws SQLException {
        Set<Integer> applied = new TreeSet<>();
        Set<Integer> failed = new TreeSet<>();
        boolean any = false;
        String sql = "SELECT ID, EXECTYPE FROM " + SchemaTables.quoted(table)
                + " WHERE AUTHOR = 'pat4j' AND FILENAME LIKE '%pat4j/db/%'";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                any = true;
                int version = version("Liquibase", table, rs.getString(1));
                String exec = rs.getString(2);
                if ("EXECUTED".equals(exec) || "RERAN".equals(exec) || "MARK_RAN".equals(exec)) {
                    applied.add(version);
                } else if ("FAILED".equals(exec)) {
                    failed.add(version);
                }
            }
        }
        if (!any) {
            return Optional.empty();
        }
        String remedy = "run Liquibase with changeLogFile=" + folder + "/changelog.xml";
        return Optional.of(new ToolHistory("Liquibase", table, remedy, applied, failed, 0));
    }

    private static int version(String tool, String table, String recorded) {
        try {
            return Integer.parseInt(recorded.trim());
        } catch (NumberFormatException e) {
            throw new SchemaVersionException(0, tool + "'s table " + table + " records pat4j version '"
                    + recorded + "', which pat4j never shipped (pat4j's versions are whole numbers)");
        }
    }

    /** The tool's name: {@code Flyway} or {@code Liquibase}. */
    public String tool() {
        return tool;
    }

    /**
     * Checks that every shipped version was applied successfully and that none newer was.
     *
     * @throws SchemaVersionException naming the first version at fault and the tool
     */
    public void verify(List<Migration> shipped) {
        int latest = shipped.get(shipped.size() - 1).version();
        int newest = Math.max(baseline, Math.max(max(applied), max(failed)));
        if (newest > latest) {
            throw new SchemaVersionException(newest, "pat4j's schema is managed by " + tool + " (table " + table
                    + "), which recorded version " + newest + ", newer than this pat4j-jdbc knows (its latest is"
                    + " version " + latest + "): run a pat4j-jdbc that ships version " + newest + " or later");
        }
        for (Migration m : shipped) {
            if (applied.contains(m.version()) || m.version() <= baseline) {
                continue;
            }
            String what = failed.contains(m.version()) ? "recorded " + m.label() + " as failed"
                    : "has not applied " + m.label();
            throw new SchemaVersionException(m.version(), "pat4j's schema is managed by " + tool + " (table "
                    + table + "), which " + what + " that this pat4j-jdbc needs: " + remedy
                    + " before JdbcTokenStore.migrate(), which only checks a schema that " + tool + " manages");
        }
    }

    private static int max(Set<Integer> versions) {
        return versions.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    @Override
    public String toString() {
        return "ToolHistory[" + tool + ", table " + table + ", applied " + applied + "]";
    }
}
