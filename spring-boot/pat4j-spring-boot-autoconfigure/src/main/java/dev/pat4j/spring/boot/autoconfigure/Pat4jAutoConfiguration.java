package dev.pat4j.spring.boot.autoconfigure;

import dev.pat4j.Pat4j;
import dev.pat4j.Pat4jObserver;
import dev.pat4j.event.TokenEventListener;
import dev.pat4j.lifecycle.TokenService;
import dev.pat4j.notice.NotificationSender;
import dev.pat4j.owner.OwnerDirectory;
import dev.pat4j.http.AttemptThrottle;
import dev.pat4j.http.ClientAddressResolver;
import dev.pat4j.settings.Pat4jSettings;
import dev.pat4j.spring.boot.autoconfigure.internal.SettingsBinding;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.TokenStore;
import dev.pat4j.validation.TokenValidator;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The {@link Pat4j} bean and what it is built from: {@link Pat4jSettings} from the {@code pat4j.*}
 * properties, the store ({@link Pat4jJdbcAutoConfiguration}'s on the application's
 * {@code DataSource}, else one in memory, with a warning), every {@link TokenEventListener},
 * {@link Pat4jObserver}, {@link NotificationSender} (the outbox's channels, delivered to by
 * {@link Pat4jTasksAutoConfiguration}) and {@link Pat4jBuilderCustomizer} bean and an
 * {@link OwnerDirectory} bean if there is one; and its {@link TokenService} and {@link TokenValidator}. Each bean backs
 * off when the application defines one of its type. Pat4j is closed on shutdown.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"})
@EnableConfigurationProperties(Pat4jProperties.class)
public final class Pat4jAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(Pat4jAutoConfiguration.class);

    /**
     * The settings the properties describe, checked by the settings file's reader.
     *
     * @throws dev.pat4j.settings.SettingsException (failing start-up) for a refused value
     */
    @Bean
    @ConditionalOnMissingBean
    public Pat4jSettings pat4jSettings(Pat4jProperties properties, ConfigurableEnvironment environment) {
        Map<String, String> variables = new HashMap<>();
        environment.getSystemEnvironment().forEach((name, value) -> variables.put(name, String.valueOf(value)));
        Pat4jSettings settings = SettingsBinding.settings(properties, variables);
        if (properties.getConfig() != null) {
            LOG.warn("pat4j.config (PAT4J_CONFIG) names the pat CLI's settings file, which the application does not "
                    + "read: its settings are its pat4j.* properties; keep the two alike");
        }
        LOG.info("pat4j settings: {}", settings.summary());
        return settings;
    }

    /** Without a {@code DataSource} (or pat4j-jdbc): tokens in this JVM's memory only. */
    @Bean
    @ConditionalOnMissingBean
    public TokenStore pat4jTokenStore() {
        LOG.warn("pat4j: no DataSource, so tokens live in this JVM's memory only: they are lost on restart and not "
                + "shared with other nodes. Give the application a DataSource (with pat4j-jdbc, which the starter "
                + "brings) to keep them in its database.");
        return new InMemoryTokenStore();
    }

    @Bean
    @ConditionalOnMissingBean
    public Pat4j pat4j(Pat4jSettings settings, TokenStore store, ObjectProvider<Pat4jSchema> schema,
                       ObjectProvider<TokenEventListener> listeners, ObjectProvider<OwnerDirectory> owners,
                       ObjectProvider<Pat4jObserver> observers, ObjectProvider<NotificationSender> senders,
                       ObjectProvider<Pat4jBuilderCustomizer> customizers) {
        schema.ifAvailable(ready -> LOG.debug("pat4j schema prepared by {}", ready.tool()));
        Pat4j.Builder builder = Pat4j.builder().settings(settings).store(store);
        listeners.orderedStream().forEach(builder::listener);
        owners.ifUnique(builder::owners);
        observers.orderedStream().forEach(builder::observer);
        senders.orderedStream().forEach(builder::notificationSender);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    public TokenService pat4jTokenService(Pat4j pat4j) {
        return pat4j.tokens();
    }

    @Bean
    @ConditionalOnMissingBean
    public TokenValidator pat4jTokenValidator(Pat4j pat4j) {
        return pat4j.validator();
    }

    /**
     * The failed-attempt throttle of {@code pat4j.throttle.*}, on by default (10 failures in 60
     * seconds block an address for 60 seconds); {@link AttemptThrottle#none()} with
     * {@code pat4j.throttle.enabled=false}. One for the application: every chain's
     * {@code Pat4jConfigurer} counts in it.
     */
    @Bean
    @ConditionalOnMissingBean
    public AttemptThrottle pat4jAttemptThrottle(Pat4jSettings settings) {
        return settings.throttle().attemptThrottle();
    }

    /** The client address through {@code pat4j.http.trusted-proxies}; the connection's peer without them. */
    @Bean
    @ConditionalOnMissingBean
    public ClientAddressResolver pat4jClientAddressResolver(Pat4jSettings settings) {
        return settings.http().clientAddressResolver();
    }
}
