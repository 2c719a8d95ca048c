package dev.pat4j.spring.boot.autoconfigure;

import java.util.Objects;

/**
 * Says that pat4j's tables are ready, and which tool made them so: the auto-configured
 * {@link dev.pat4j.Pat4j} is built only after this bean, so its first call finds its schema.
 * Immutable.
 *
 * @param tool {@code flyway} (pat4j's migrations, history table {@code pat4j_schema_history}),
 *     {@code liquibase} (pat4j's change log) or {@code pat4j} ({@code JdbcTokenStore.migrate()})
 */
public record Pat4jSchema(String tool) {
    public Pat4jSchema {
        Objects.requireNonNull(tool, "tool");
    }
}
