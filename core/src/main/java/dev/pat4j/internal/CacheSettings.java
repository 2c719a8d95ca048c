package dev.pat4j.internal;

import java.time.Duration;

/** Sizes and lifetimes of the validator's caches. */
public record CacheSettings(long maximumSize, Duration ttl, long negativeMaximumSize, Duration negativeTtl) {
}
