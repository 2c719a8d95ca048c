package dev.pat4j.spring.boot.autoconfigure;

import dev.pat4j.Pat4j;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * pat4j's health for Actuator ({@code /actuator/health/pat4j}): UP when its store answers and its
 * circuit breaker is closed; DOWN when the store does not answer (a real call, the cheapest one:
 * the head of the change feed, made directly and not through the breaker) or while the breaker
 * keeps pat4j's calls off it. Details: {@code store} ({@code reachable} or {@code unreachable},
 * with the exception's type, never its message), {@code changeHead}, {@code breaker}
 * ({@code closed} or {@code open}, with {@code retryAfterSeconds}) and {@code cachedTokens}.
 * Thread-safe.
 */
public final class Pat4jHealthIndicator implements HealthIndicator {
    private final Pat4j pat4j;

    public Pat4jHealthIndicator(Pat4j pat4j) {
        this.pat4j = pat4j;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        try {
            health.withDetail("store", "reachable").withDetail("changeHead", pat4j.store().changeHead());
        } catch (RuntimeException e) {
            health.down().withDetail("store", "unreachable").withDetail("error", e.getClass().getSimpleName());
        }
        Optional<Duration> retryAfter = pat4j.storeRetryAfter();
        if (retryAfter.isPresent()) {
            health.down().withDetail("breaker", "open")
                    .withDetail("retryAfterSeconds", Math.max(1, (retryAfter.get().toMillis() + 999) / 1000));
        } else {
            health.withDetail("breaker", "closed");
        }
        return health.withDetail("cachedTokens", pat4j.cacheSize()).build();
    }
}
