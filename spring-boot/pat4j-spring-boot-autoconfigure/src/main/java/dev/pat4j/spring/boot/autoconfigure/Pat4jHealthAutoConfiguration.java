package dev.pat4j.spring.boot.autoconfigure;

import dev.pat4j.Pat4j;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link Pat4jHealthIndicator} as health contributor {@code pat4j}, where Actuator's health is
 * on the class path; {@code management.health.pat4j.enabled=false} turns it off.
 */
@AutoConfiguration(after = Pat4jAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Pat4j.class)
@ConditionalOnEnabledHealthIndicator("pat4j")
public final class Pat4jHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "pat4jHealthIndicator")
    public Pat4jHealthIndicator pat4jHealthIndicator(Pat4j pat4j) {
        return new Pat4jHealthIndicator(pat4j);
    }
}
