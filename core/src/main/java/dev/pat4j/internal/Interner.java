package dev.pat4j.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares equal immutable values (organization names, scope sets) among cached principals, up
 * to a fixed number of distinct values; past that, values are returned as given. Thread-safe.
 */
final class Interner {
    private final ConcurrentHashMap<Object, Object> values = new ConcurrentHashMap<>();
    private final int limit;

    Interner(int limit) {
        this.limit = limit;
    }

    /** The shared instance equal to {@code value}, or {@code value} itself; null for null. */
    @SuppressWarnings("unchecked")
    <T> T intern(T value) {
        if (value == null) {
            return null;
        }
        Object known = values.get(value);
        if (known != null) {
            return (T) known;
        }
        if (values.size() >= limit) {
            return value;
        }
        known = values.putIfAbsent(value, value);
        return known == null ? value : (T) known;
    }
}
