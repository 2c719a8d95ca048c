package dev.pat4j.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.Objects;

/**
 * Work that pat4j's auto-configuration runs on its own thread, once right after start-up and
 * then every {@code interval} until shutdown: the expiry notifier and the change-feed pruning are
 * such beans, and further features (the notification outbox) add theirs. A run that throws is
 * logged and the schedule goes on. Immutable; {@code work} must be thread-safe.
 *
 * @param name what the log calls it
 * @param interval the delay between the end of one run and the start of the next
 * @param work the run
 */
public record Pat4jBackgroundTask(String name, Duration interval, Runnable work) {
    public Pat4jBackgroundTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(work, "work");
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
    }
}
