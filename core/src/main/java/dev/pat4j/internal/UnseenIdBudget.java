package dev.pat4j.internal;

import java.time.Clock;

/**
 * A token bucket for store lookups of ids the filter of live ids has never seen: {@code burst}
 * lookups at once, refilled at {@code perSecond}. Normal traffic needs a few (a token created on
 * another node a moment ago, before this node read the change feed); a flood of forged ids gets
 * no more than the budget, and the rest are refused as unknown without a store call.
 *
 * <p>Thread-safe; synchronized, since it is only consulted on the rare path of an unseen id.
 */
final class UnseenIdBudget {
    private final Clock clock;
    private final double perMilli;
    private final double burst;
    private double available; // guarded by this
    private long lastMillis;  // guarded by this

    UnseenIdBudget(Clock clock, int perSecond, int burst) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("the unseen-id budget must be positive");
        }
        this.clock = clock;
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.available = burst;
        this.lastMillis = clock.millis();
    }

    /** Takes one lookup from the budget; false if none is left. */
    synchronized boolean tryTake() {
        long now = clock.millis();
        if (now > lastMillis) {
            available = Math.min(burst, available + (now - lastMillis) * perMilli);
        }
        lastMillis = now; // a clock that went back refills nothing until it passes this point again
        if (available >= 1) {
            available -= 1;
            return true;
        }
        return false;
    }
}
