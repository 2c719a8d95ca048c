package dev.pat4j.http;

import dev.pat4j.validation.RejectionReason;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Extension point for failed-attempt throttling per client address (never per user, so nobody
 * can lock another user out). {@link RequestGate} asks it before it checks a pat4j credential
 * and tells it how each check ended; while it asks a client to wait, the gate answers 429 with
 * {@code Retry-After}. pat4j's own is {@link #slidingWindow()} (N failures per address in a sliding
 * window); the default of a hand-built gate, {@link #none()}, never throttles, while the settings
 * file's and the Spring starter's default is the sliding window with its defaults
 * ({@code pat4j.throttle.*}). Implementations must be thread-safe and must not block.
 */
public interface AttemptThrottle {

    /** How long {@code clientAddress} (null if unknown) must wait before its next check; {@link Duration#ZERO} to go ahead. */
    Duration delay(@Nullable String clientAddress);

    /** A check from {@code clientAddress} failed for {@code reason}. */
    void failed(@Nullable String clientAddress, RejectionReason reason);

    /** A check from {@code clientAddress} (null if unknown) succeeded. */
    void succeeded(@Nullable String clientAddress);

    /**
     * Starts configuring pat4j's throttle: by default 10 failures from one client address within
     * 60 seconds block it for 60 seconds (see {@link SlidingWindowThrottle}).
     */
    static SlidingWindowThrottle.Builder slidingWindow() {
        return SlidingWindowThrottle.builder();
    }

    /** Never throttles. The default. */
    static AttemptThrottle none() {
        return None.INSTANCE;
    }

    /** The no-op throttle: a singleton without state. */
    enum None implements AttemptThrottle {
        INSTANCE;

        @Override
        public Duration delay(@Nullable String clientAddress) {
            return Duration.ZERO;
        }

        @Override
        public void failed(@Nullable String clientAddress, RejectionReason reason) {
        }

        @Override
        public void succeeded(@Nullable String clientAddress) {
        }
    }
}
