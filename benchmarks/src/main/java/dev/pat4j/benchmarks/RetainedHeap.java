package dev.pat4j.benchmarks;

import dev.pat4j.Pat4j;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.validation.TokenValidator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures the heap a validator's cache retains per cached token: used heap after several full
 * GCs, before and after checking every token of a set once, divided by the count. Reported for a
 * store whose reads materialize fresh objects (like a database) and for the shared in-memory
 * store. Run in its own JVM with a serial collector so the accounting is exact:
 * {@code java -XX:+UseSerialGC -Xmx1g -cp benchmarks.jar dev.pat4j.benchmarks.RetainedHeap 100000}.
 */
public final class RetainedHeap {
    private static final int REPEATS = 3;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private RetainedHeap() {
    }

    public static void main(String[] args) throws InterruptedException {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        TokenSet set = TokenSet.generate(size);
        double materialized = median(set, true);
        double shared = median(set, false);
        System.out.printf(Locale.ROOT, "bytes_per_entry=%.1f%n", materialized);
        System.out.printf(Locale.ROOT, "bytes_per_entry_shared_store=%.1f%n", shared);
        System.out.printf(Locale.ROOT, "retained_tokens=%d%n", size);
    }

    private static double median(TokenSet set, boolean copyOnRead) throws InterruptedException {
        double[] results = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            results[r] = measure(set, copyOnRead);
        }
        Arrays.sort(results);
        return results[REPEATS / 2];
    }

    /** Bytes retained per token by a cache holding every token of {@code set}. */
    static double measure(TokenSet set, boolean copyOnRead) throws InterruptedException {
        InMemoryTokenStore backing = new InMemoryTokenStore();
        set.insertInto(backing);
        MaterializingStore store = new MaterializingStore(backing, copyOnRead);
        try (Pat4j pat4j = Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog())
                .cacheMaximumSize(Math.max(set.size, 1)).build()) {
            TokenValidator validator = pat4j.validator();
            validator.check(set.bearer[0]); // load classes and thread-locals before the baseline
            long before = usedAfterGc();
            for (String header : set.bearer) {
                if (!validator.check(header).authenticated()) {
                    throw new IllegalStateException("a token of the set does not validate");
                }
            }
            pat4j.close(); // flushes pending last-used times (dropped by the store), so only the cache remains
            long after = usedAfterGc();
            for (int i = 0; i < set.size; i += Math.max(1, set.size / 100)) {
                if (!validator.check(set.bearer[i]).authenticated()) { // keeps the cache reachable and checks it is still warm
                    throw new IllegalStateException("cache lost a token");
                }
            }
            return (after - before) / (double) set.size;
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
