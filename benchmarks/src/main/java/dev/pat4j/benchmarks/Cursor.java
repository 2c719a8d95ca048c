package dev.pat4j.benchmarks;

import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Picks the token of each operation: every token once per round, in a fixed random order (the
 * same for every benchmark), the way traffic from many clients arrives. Walking in index order
 * instead would favour whatever happens to lie in memory in index order (fresh arrays, a map
 * never moved by the collector) over structures the collector has reordered, like a warm cache.
 * Each thread starts at its own offset.
 */
@State(Scope.Thread)
public class Cursor {
    private static final ConcurrentHashMap<Integer, int[]> ORDERS = new ConcurrentHashMap<>();

    private int position;
    private int[] order;

    @Setup
    public void setup(ThreadParams threads) {
        position = threads.getThreadIndex() * 7919;
    }

    /** The next index below {@code size}. */
    public int next(int size) {
        int[] o = order;
        if (o == null || o.length != size) {
            o = order = ORDERS.computeIfAbsent(size, Cursor::shuffled);
            position %= size;
        }
        int p = position;
        position = p + 1 == size ? 0 : p + 1;
        return o[p];
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
