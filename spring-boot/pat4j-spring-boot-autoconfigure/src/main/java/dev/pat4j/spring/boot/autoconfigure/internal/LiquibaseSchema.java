package dev.pat4j.spring.boot.autoconfigure.internal;

import javax.sql.DataSource;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.core.io.ResourceLoader;

/** pat4j's change log through Liquibase; loaded only with Liquibase present. */
final class LiquibaseSchema {
    private LiquibaseSchema() {
    }

    static void update(DataSource dataSource, String changelog, ResourceLoader resources) {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog("classpath:" + changelog);
        liquibase.setResourceLoader(resources);
        try {
            liquibase.afterPropertiesSet();
        } catch (LiquibaseException e) {
            throw new IllegalStateException("Liquibase could not apply pat4j's change log " + changelog + ": "
                    + e.getMessage(), e);
        }
    }
}
