package dev.pat4j.spring.boot.autoconfigure;

import dev.pat4j.ChangeFeedStatus;
import dev.pat4j.Pat4j;
import dev.pat4j.notice.NoticeBacklog;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * pat4j's health for Actuator ({@code /actuator/health/pat4j}): UP when its store answers and its
 * circuit breaker is closed; DOWN when the store does not answer (a real call, the cheapest one:
 * the head of the change feed, made directly and not through the breaker) or while the breaker
 * keeps pat4j's calls off it. Details: {@code store} ({@code reachable} or {@code unreachable},
 * with the exception's type, never its message), {@code changeHead}, {@code breaker}
 * ({@code closed} or {@code open}, with {@code retryAfterSeconds}), {@code cachedTokens};
 * {@code changeFeed}, this node's follower of the change feed that brings it revocations made on
 * other nodes ({@code position}, the last change applied; {@code behind}, how far the head is
 * ahead of it; {@code lastReadAt} and {@code secondsSinceLastRead}; {@code failing}); and
 * {@code notices}, the outbox's backlog ({@code pending}, {@code failed}, counted in the store;
 * {@code unknown} while it cannot be asked; absent for a store without an outbox).
 *
 * <p>The backlog and the lag are shown, not judged: a growing backlog (no sender, a mail server
 * down) or a lagging feed is for an alert on the meters, not a reason to take the node out of a
 * load balancer. Thread-safe.
 */
public final class Pat4jHealthIndicator implements HealthIndicator {
    private final Pat4j pat4j;

    public Pat4jHealthIndicator(Pat4j pat4j) {
        this.pat4j = pat4j;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        Long head = null;
        try {
            head = pat4j.store().changeHead();
            health.withDetail("store", "reachable").withDetail("changeHead", head);
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
        health.withDetail("cachedTokens", pat4j.cacheSize()).withDetail("changeFeed", changeFeed(head));
        if (pat4j.notices().outboxAvailable()) {
            health.withDetail("notices", notices(head != null && retryAfter.isEmpty()));
        }
        return health.build();
    }

    private Map<String, Object> changeFeed(@Nullable Long head) {
        ChangeFeedStatus feed = pat4j.changeFeed();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("position", feed.position());
        if (head != null) {
            OptionalLong behind = feed.behind(head);
            if (behind.isPresent()) {
                out.put("behind", behind.getAsLong());
            }
        }
        if (feed.lastReadAt() != null) {
            out.put("lastReadAt", feed.lastReadAt().toString());
            feed.sinceLastRead(pat4j.clock().instant()).ifPresent(d -> out.put("secondsSinceLastRead", d.toSeconds()));
        }
        out.put("failing", feed.failing());
        return out;
    }

    /** The backlog, counted only when the store answered and the breaker lets the count through. */
    private Object notices(boolean storeAnswers) {
        if (!storeAnswers) {
            return "unknown";
        }
        try {
            NoticeBacklog backlog = pat4j.notices().backlog();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("pending", backlog.pending());
            out.put("failed", backlog.failed());
            return out;
        } catch (RuntimeException e) {
            return "unknown";
        }
    }
}
