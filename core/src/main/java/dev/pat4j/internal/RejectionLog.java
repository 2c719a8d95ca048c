package dev.pat4j.internal;

import dev.pat4j.validation.RejectionReason;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs rejections: each at DEBUG with its token id (never the secret), and at most once per
 * interval one WARN line counting them per reason, such as
 * {@code rejected in the last 60 s: UNKNOWN=4000, BAD_CHECKSUM=12}. A flood of bad tokens thus
 * writes one line a minute instead of one per request. Only rejections pay for the counting (a
 * {@link LongAdder} per reason and a clock read); an accepted token never reaches this class.
 *
 * <p>Thread-safe: counts never get lost, and one caller at a time wins the right to summarise
 * an interval.
 */
final class RejectionLog {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultTokenValidator.class);
    private static final RejectionReason[] REASONS = RejectionReason.values();

    private final LongAdder[] counts = new LongAdder[REASONS.length];
    private final Clock clock;
    private final long intervalMillis;
    private final AtomicLong intervalStart;

    RejectionLog(Clock clock, long intervalMillis) {
        if (intervalMillis < 1) {
            throw new IllegalArgumentException("the summary interval must be positive");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
        this.clock = clock;
        this.intervalMillis = intervalMillis;
        this.intervalStart = new AtomicLong(clock.millis());
    }

    /** Counts a rejection, logs it at DEBUG, and writes the summary if an interval has passed. */
    void rejected(RejectionReason reason, String tokenId) {
        if (tokenId == null) {
            LOG.debug("token rejected: {}", reason); // before its id was read: missing, malformed, bad checksum
        } else {
            LOG.debug("token {} rejected: {}", tokenId, reason);
        }
        counts[reason.ordinal()].increment();
        summarizeIfDue();
    }

    /**
     * Writes the summary of the interval just ended, if one has (also called on a schedule, so
     * the last burst before a quiet spell is reported); nothing if there was no rejection.
     */
    void summarizeIfDue() {
        long now = clock.millis();
        long start = intervalStart.get();
        long elapsed = now - start;
        if ((elapsed >= intervalMillis || elapsed < 0) && intervalStart.compareAndSet(start, now)) {
            summarize(Math.max(0, elapsed));
        }
    }

    private void summarize(long elapsedMillis) {
        StringBuilder line = null;
        for (RejectionReason reason : REASONS) {
            long n = counts[reason.ordinal()].sumThenReset();
            if (n > 0) {
                line = line == null ? new StringBuilder() : line.append(", ");
                line.append(reason.name()).append('=').append(n);
            }
        }
        if (line != null) {
            LOG.warn("rejected in the last {} s: {}", (elapsedMillis + 500) / 1000, line);
        }
    }
}
