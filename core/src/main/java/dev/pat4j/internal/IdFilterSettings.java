package dev.pat4j.internal;

import java.time.Duration;

/**
 * The filter of live ids and the budget for ids it has not seen: whether there is one, the
 * number of ids it is sized for at least, how often it is rebuilt from the store, and how many
 * lookups of unseen ids per second (and at once) the store gets.
 */
public record IdFilterSettings(boolean enabled, long expectedSize, Duration rebuildInterval, int unseenIdsPerSecond,
                               int unseenIdBurst) {
}
