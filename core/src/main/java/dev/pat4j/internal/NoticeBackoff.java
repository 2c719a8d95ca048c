package dev.pat4j.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * When a notice whose delivery failed is tried again: {@code first} after the first attempt, then
 * twice as long after each further one, never longer than {@code max}. Immutable.
 */
public record NoticeBackoff(Duration first, Duration max) {
    public NoticeBackoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("the backoff is positive and its cap at least as long");
        }
    }

    /** The next attempt time after attempt number {@code attempts} (1 for the first) failed at {@code now}. */
    public Instant next(Instant now, int attempts) {
        Duration delay = first;
        for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return now.plus(delay.compareTo(max) > 0 ? max : delay);
    }
}
