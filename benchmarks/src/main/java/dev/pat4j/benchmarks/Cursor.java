package dev.pat4j.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Walks the token set one token per operation, so a run touches every live token the way
 * traffic from many clients does (and the cache cannot stay in the CPU's L1). Each thread
 * starts at its own offset.
 */
@State(Scope.Thread)
public class Cursor {
    private int position;

    @Setup
    public void setup(ThreadParams threads) {
        position = threads.getThreadIndex() * 7919;
    }

    /** The next index below {@code size}. */
    public int next(int size) {
        int p = position;
        if (p >= size) {
            p %= size;
        }
        position = p + 1;
        return p;
    }
}
