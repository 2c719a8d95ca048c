package dev.pat4j.spring.boot.autoconfigure.internal;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** pat4j's migrations through Flyway, as jdbc-store's README configures it; loaded only with Flyway present. */
final class FlywaySchema {
    private FlywaySchema() {
    }

    static void migrate(DataSource dataSource, String folder, ClassLoader loader) {
        Flyway.configure(loader)
                .dataSource(dataSource)
                .locations("classpath:" + folder)
                .table("pat4j_schema_history")
                // beside the application's own tables: start from nothing below version 1
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
