package dev.pat4j.store.jdbc;

import java.util.Locale;
import java.util.Optional;

/** The databases {@link JdbcTokenStore} speaks: each has its own schema script and change signalling. */
public enum JdbcDialect {
    /** H2 2.x, embedded or server mode: for the CLI and single-node deployments. */
    H2("H2", "schema-h2.sql"),
    /** PostgreSQL 12 or later: for clusters; LISTEN/NOTIFY wakes other nodes at once. */
    POSTGRESQL("PostgreSQL", "schema-postgresql.sql");

    private final String productName;
    private final String schemaResource;

    JdbcDialect(String productName, String schemaResource) {
        this.productName = productName;
        this.schemaResource = schemaResource;
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

    /** Class-path resource (next to {@link JdbcTokenStore}) holding this dialect's idempotent schema. */
    String schemaResource() {
        return schemaResource;
    }
}
