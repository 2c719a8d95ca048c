package dev.pat4j.spring.boot.autoconfigure.internal;

import dev.pat4j.spring.boot.autoconfigure.Pat4jSchema;
import dev.pat4j.store.jdbc.JdbcTokenStore;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Brings pat4j's tables up to date the way the application manages its own schema: with Flyway
 * when the application runs Flyway (a {@code Flyway} bean: pat4j's migrations in their own
 * history table, {@code pat4j_schema_history}), with Liquibase when it runs Liquibase (a
 * {@code SpringLiquibase} bean: pat4j's change log, whose changesets are pat4j's own in the
 * shared {@code DATABASECHANGELOG}), else with {@link JdbcTokenStore#migrate()}. After a tool,
 * {@code migrate()} runs too, and only checks that every version is there. Stateless.
 */
public final class SchemaPreparation {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaPreparation.class);
    private static final String FLYWAY = "org.flywaydb.core.Flyway";
    private static final String LIQUIBASE = "liquibase.integration.spring.SpringLiquibase";

    private SchemaPreparation() {
    }

    public static Pat4jSchema prepare(JdbcTokenStore store, DataSource dataSource, ListableBeanFactory beans,
                                      ResourceLoader resources) {
        // the documented layout of pat4j-jdbc's migrations: META-INF/pat4j/db/{h2,postgresql}
        String folder = "META-INF/pat4j/db/" + store.dialect().name().toLowerCase(java.util.Locale.ROOT);
        ClassLoader loader = resources.getClassLoader();
        String tool = "pat4j";
        if (uses(FLYWAY, beans, loader)) {
            FlywaySchema.migrate(dataSource, folder, loader);
            tool = "flyway";
        } else if (uses(LIQUIBASE, beans, loader)) {
            LiquibaseSchema.update(dataSource, folder + "/changelog.xml", resources);
            tool = "liquibase";
        }
        store.migrate();
        LOG.info("pat4j schema ready ({}, {})", tool, store.dialect());
        return new Pat4jSchema(tool);
    }

    private static boolean uses(String className, ListableBeanFactory beans, ClassLoader loader) {
        if (!ClassUtils.isPresent(className, loader)) {
            return false;
        }
        return beans.getBeanNamesForType(ClassUtils.resolveClassName(className, loader), true, false).length > 0;
    }
}
