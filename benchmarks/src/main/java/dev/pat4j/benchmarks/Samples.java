package dev.pat4j.benchmarks;

import java.util.Arrays;

/**
 * A growable array of latency samples in nanoseconds, one per request, and its percentiles:
 * sorted once, read by nearest rank. A plain {@code long[]} rather than a histogram library: a
 * run records a few hundred thousand samples, which sort in milliseconds. Not thread-safe: each
 * load thread fills its own, and they are merged after the threads end.
 */
final class Samples {
    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int size() {
        return size;
    }

    /** Every sample of {@code parts}, in one array. */
    static Samples merge(Samples... parts) {
        Samples all = new Samples();
        for (Samples p : parts) {
            for (int i = 0; i < p.size; i++) {
                all.add(p.values[i]);
            }
        }
        return all;
    }

    /** The {@code q}-quantile (0 < q ≤ 1) by nearest rank, in nanoseconds; NaN without samples. */
    double percentile(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }
}
