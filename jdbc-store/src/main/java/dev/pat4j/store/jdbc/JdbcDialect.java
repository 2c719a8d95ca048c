package dev.pat4j.store.jdbc;

import java.util.Locale;
import java.util.Optional;

/** The databases {@link JdbcTokenStore} speaks: each has its own migrations and change signalling. Immutable. */
public enum JdbcDialect {
    /** H2 2.x, embedded or server mode: for the CLI and single-node deployments. */
    H2("H2", "h2"),
    /** PostgreSQL 12 or later: for clusters; LISTEN/NOTIFY wakes other nodes at once. */
    POSTGRESQL("PostgreSQL", "postgresql");

    private final String productName;
    private final String migrationFolder;

    JdbcDialect(String productName, String folderName) {
        this.productName = productName;
        this.migrationFolder = "META-INF/pat4j/db/" + folderName;
    }

    /** The dialect whose database reports this product name (JDBC's {@code getDatabaseProductName()}). */
    static Optional<JdbcDialect> forProductName(String productName) {
        if (productName == null) {
            return Optional.empty();
        }
        String wanted = productName.trim().toLowerCase(Locale.ROOT);
        for (JdbcDialect d : values()) {
            if (wanted.equals(d.productName.toLowerCase(Locale.ROOT))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * The class-path folder of this dialect's migrations, such as {@code META-INF/pat4j/db/h2}:
     * the {@code V<n>__<name>.sql} files (Flyway's location) and the Liquibase
     * {@code changelog.xml} over them.
     */
    String migrationFolder() {
        return migrationFolder;
    }
}
