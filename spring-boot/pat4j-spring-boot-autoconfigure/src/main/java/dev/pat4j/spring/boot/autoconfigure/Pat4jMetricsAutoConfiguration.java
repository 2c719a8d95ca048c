package dev.pat4j.spring.boot.autoconfigure;

import dev.pat4j.Pat4j;
import dev.pat4j.micrometer.Pat4jMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * pat4j's Micrometer meters ({@link Pat4jMetrics}, see its table) where Micrometer and
 * pat4j-micrometer are on the class path: the bean observes the auto-configured {@link Pat4j}
 * (it is a {@link dev.pat4j.Pat4jObserver} bean, which {@link Pat4jAutoConfiguration} registers)
 * and, as a {@code MeterBinder} bean, is bound to the application's registry by Boot.
 */
@AutoConfiguration(before = Pat4jAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, Pat4jMetrics.class})
public final class Pat4jMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Pat4jMetrics pat4jMetrics() {
        return new Pat4jMetrics();
    }

    /** Once every bean exists, the gauges of the cache and the breaker read the {@link Pat4j} bean. */
    @Bean
    @ConditionalOnMissingBean(name = "pat4jMetricsWatch")
    public SmartInitializingSingleton pat4jMetricsWatch(Pat4jMetrics metrics, ObjectProvider<Pat4j> pat4j) {
        return () -> pat4j.ifUnique(metrics::watch);
    }
}
