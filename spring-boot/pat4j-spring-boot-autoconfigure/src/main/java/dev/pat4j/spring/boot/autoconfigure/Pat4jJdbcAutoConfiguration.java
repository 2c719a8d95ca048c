package dev.pat4j.spring.boot.autoconfigure;

import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.spring.boot.autoconfigure.internal.SchemaPreparation;
import dev.pat4j.store.TokenStore;
import dev.pat4j.store.jdbc.JdbcTokenStore;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * pat4j's store on the application's {@code DataSource}: a {@link JdbcTokenStore} (H2 or
 * PostgreSQL), its schema prepared by the application's schema tool or by pat4j itself
 * ({@link Pat4jSchema}) before {@link dev.pat4j.Pat4j} is built. Runs after Boot's data source,
 * Flyway and Liquibase auto-configuration (whose beans it looks for), before
 * {@link Pat4jAutoConfiguration}, whose in-memory store then backs off.
 */
@AutoConfiguration(before = Pat4jAutoConfiguration.class, afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"})
@ConditionalOnClass(JdbcTokenStore.class)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(Pat4jProperties.class)
public final class Pat4jJdbcAutoConfiguration {

    /** The store, with the statement deadline of {@code pat4j.store.query-timeout}; closed on shutdown. */
    @Bean
    @ConditionalOnMissingBean(TokenStore.class)
    public JdbcTokenStore pat4jTokenStore(DataSource dataSource, Pat4jSettings settings) {
        return JdbcTokenStore.builder(dataSource).settings(settings).build();
    }

    /** pat4j's tables, by the application's schema tool (Flyway, Liquibase) or by pat4j's own migrations. */
    @Bean
    @ConditionalOnMissingBean
    public Pat4jSchema pat4jSchema(TokenStore store, DataSource dataSource, ListableBeanFactory beans,
                                   ResourceLoader resources) {
        if (!(store instanceof JdbcTokenStore jdbc)) {
            return new Pat4jSchema("none: the application's own store");
        }
        return SchemaPreparation.prepare(jdbc, dataSource, beans, resources);
    }
}
