package dev.pat4j;

import dev.pat4j.validation.ValidationResult;

/**
 * Watches what a {@link Pat4j} does, for metrics: every token check and every call pat4j makes
 * to its store. Register it with {@link Pat4j.Builder#observer}; pat4j-micrometer's
 * {@code Pat4jMetrics} is one. It is never given a token, a secret or a header: a check is
 * reported by its {@link ValidationResult} (whose principal and token id are not secret) and a
 * store call by the name of the {@link dev.pat4j.store.TokenStore} method.
 *
 * <p>Both methods are called on the thread doing the work, the validator's hot path included, so
 * an implementation must be thread-safe and cheap (count, don't block). One that throws is
 * logged and otherwise ignored: it never changes a check's result or fails a store call.
 */
public interface Pat4jObserver {

    /** Whether a check found its token in the validation cache. */
    enum Lookup {
        /** The check ended before the cache: no header, a malformed one, a bad checksum. */
        NONE,
        /** Found verified in the cache, within its TTL: no store call. */
        CACHE_HIT,
        /**
         * Not in the cache (or stale): read from the store, or refused as unknown without a store
         * call (an id remembered as unknown, or one the filter of live ids has never seen).
         */
        CACHE_MISS
    }

    /** A check through {@link dev.pat4j.validation.TokenValidator} ended with {@code result}. */
    default void checked(ValidationResult result, Lookup lookup) {
    }

    /**
     * pat4j called its store: {@code operation} is the {@link dev.pat4j.store.TokenStore} method
     * ({@code find}, {@code insert}, {@code changesSince}, ...), {@code nanos} how long it took,
     * {@code failed} whether it threw (a duplicate id, which is an answer, is not a failure).
     * Calls that pat4j's open circuit breaker refused without calling the store are not reported.
     */
    default void storeCalled(String operation, long nanos, boolean failed) {
    }
}
