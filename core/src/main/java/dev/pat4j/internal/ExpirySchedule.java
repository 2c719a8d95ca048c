package dev.pat4j.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The thresholds before expiry at which owners are told (seven days by default; GitLab's are 60,
 * 30 and 7 days and the day itself), sorted, each zero or positive; zero stands for the notice
 * that a token has expired. Immutable.
 */
public final class ExpirySchedule {
    private final List<Duration> thresholds; // ascending, distinct

    private ExpirySchedule(List<Duration> thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * The schedule of {@code thresholds}, in any order, duplicates dropped.
     *
     * @throws IllegalArgumentException if there are none, or one is negative
     */
    public static ExpirySchedule of(List<Duration> thresholds) {
        TreeSet<Duration> sorted = new TreeSet<>();
        for (Duration d : thresholds) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("an expiry threshold is zero or positive");
            }
            sorted.add(d);
        }
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("an expiry schedule needs at least one threshold");
        }
        return new ExpirySchedule(List.copyOf(sorted));
    }

    /** The thresholds, shortest first. */
    public List<Duration> thresholds() {
        return thresholds;
    }

    /** The longest positive threshold, or empty if the schedule has only zero. */
    public Optional<Duration> widest() {
        Duration last = thresholds.get(thresholds.size() - 1);
        return last.isZero() ? Optional.empty() : Optional.of(last);
    }

    /** Whether the schedule includes zero: owners are told when a token has expired. */
    public boolean includesExpiry() {
        return thresholds.get(0).isZero();
    }

    /**
     * The shortest positive threshold that {@code remaining} (the time left to expiry) is within:
     * a token with 10 days left under 60, 30 and 7 days is within 30 days. Only that one is
     * raised, so a token created close to its expiry, or a schedule run late, does not bring
     * several notices at once.
     */
    public Optional<Duration> tightestCovering(Duration remaining) {
        for (Duration t : thresholds) {
            if (!t.isZero() && remaining.compareTo(t) <= 0) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "ExpirySchedule" + thresholds;
    }
}
