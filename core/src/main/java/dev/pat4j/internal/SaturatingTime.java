package dev.pat4j.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * Instant arithmetic that stops at {@link Instant#MAX} instead of throwing, for lifespans and
 * windows a caller may give as "forever". Compared in seconds: {@code Duration.between(now,
 * Instant.MAX)} overflows its nanoseconds and recovers from the exception inside the JDK, which
 * cost a token creation about an eighth of its time. Stateless.
 */
public final class SaturatingTime {
    private SaturatingTime() {
    }

    /** {@code now + amount}, or {@link Instant#MAX} when that is at or beyond the end of time. */
    public static Instant plus(Instant now, Duration amount) {
        return amount.getSeconds() >= Instant.MAX.getEpochSecond() - now.getEpochSecond() ? Instant.MAX
                : now.plus(amount);
    }
}
