package dev.pat4j.benchmarks;

import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Picks the position of each operation: positions run in sequence, and each position stands for
 * a token of a fixed random order ({@link #order}, the same for every benchmark), the way traffic
 * from many clients arrives. Request inputs are laid out by position ({@link Requests}), so they
 * stream as a freshly parsed request would be at hand; state that stands for the validator's
 * cache is reached by token index, {@code order[position]}, so it is visited at random. Walking
 * the cached state in index order instead would favour whatever happens to lie in memory in
 * index order (fresh arrays, a map never moved by the collector) over structures the collector
 * has reordered, like a warm cache. Each thread starts at its own offset.
 */
@State(Scope.Thread)
public class Cursor {
    private static final ConcurrentHashMap<Integer, int[]> ORDERS = new ConcurrentHashMap<>();

    private int position;

    @Setup
    public void setup(ThreadParams threads) {
        position = threads.getThreadIndex() * 7919;
    }

    /** The next position below {@code size}. */
    public int next(int size) {
        int p = position;
        if (p >= size) {
            p %= size; // only when one thread's offset exceeds a small set
        }
        position = p + 1 == size ? 0 : p + 1;
        return p;
    }

    /** The token index at each position below {@code size}: a fixed random permutation (shared, do not modify). */
    public static int[] order(int size) {
        return ORDERS.computeIfAbsent(size, Cursor::shuffled);
    }

    private static int[] shuffled(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Random random = new Random(20261129L + size);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
