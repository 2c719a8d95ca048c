package dev.pat4j.benchmarks;

import dev.pat4j.Pat4j;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.TokenStore;
import dev.pat4j.validation.TokenValidator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Measures the heap a validator's cache retains per cached token: used heap after several full
 * GCs, before building a validator and after it checked every token of a set once, divided by the
 * count (so the cache's fixed-size structures are counted too). Reported for the default in-memory store (whose strings the cached principal shares), for the JDBC store
 * over embedded H2, and for a store whose reads materialize fresh strings (as PostgreSQL's
 * driver does). Also the filter of live ids' heap per live token. Run in its own JVM with a
 * serial collector so the accounting is exact:
 * {@code java -XX:+UseSerialGC -Xmx1g -cp benchmarks.jar dev.pat4j.benchmarks.RetainedHeap 100000 3}
 * (tokens, repeats; the median is reported). {@code RetainedHeap 1000000 1 memory _1m} measures
 * the in-memory store only and suffixes its keys (the 1,000,000-token scale run; give it 4 GB).
 */
public final class RetainedHeap {
    private static int repeats = 3;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private RetainedHeap() {
    }

    public static void main(String[] args) throws InterruptedException {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean allStores = args.length <= 2 || !args[2].equals("memory");
        String suffix = args.length > 3 ? args[3] : "";
        TokenSet set = TokenSet.generate(size);
        System.out.printf(Locale.ROOT, "bytes_per_entry%s=%.1f%n", suffix, median(() -> new InMemoryTokenStore(), set, false));
        if (allStores) {
            System.out.printf(Locale.ROOT, "bytes_per_entry_materialized=%.1f%n",
                    median(() -> new InMemoryTokenStore(), set, true));
            System.out.printf(Locale.ROOT, "bytes_per_entry_h2=%.1f%n", medianH2(set));
        }
        InMemoryTokenStore store = new InMemoryTokenStore();
        set.insertInto(store);
        System.out.printf(Locale.ROOT, "filter_bytes_per_token%s=%.2f%n", suffix, filterBytesPerToken(store, set.size));
        System.out.printf(Locale.ROOT, "retained_tokens%s=%d%n", suffix, size);
        System.out.printf(Locale.ROOT, "retained_repeats%s=%d%n", suffix, repeats);
    }

    /**
     * The filter of live ids' heap per live token: an instance with the filter (built from the
     * store's {@code live} tokens when it is built) against one without, their caches empty and
     * of the same size, so only the filter differs.
     */
    static double filterBytesPerToken(TokenStore store, int live) throws InterruptedException {
        instanceBytes(store, 1, true); // loads and initializes the classes of both, before any baseline
        long withoutFilter = instanceBytes(store, live, false);
        long withFilter = instanceBytes(store, live, true);
        return (withFilter - withoutFilter) / (double) live;
    }

    private static long instanceBytes(TokenStore store, int cacheSize, boolean idFilter) throws InterruptedException {
        long before = usedAfterGc();
        try (Pat4j pat4j = BenchmarkDefaults.pat4j(store).cacheMaximumSize(cacheSize).idFilter(idFilter).build()) {
            long after = usedAfterGc();
            if (!pat4j.validator().check(TokenSet.forgedBearer(1, 7).get(0)).authenticated()) {
                return after - before; // the instance stays reachable until here
            }
            throw new IllegalStateException("a forged token validated");
        }
    }

    private static double median(Supplier<TokenStore> stores, TokenSet set, boolean copyOnRead)
            throws InterruptedException {
        double[] results = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            TokenStore backing = stores.get();
            set.insertInto(backing);
            results[r] = measure(new MaterializingStore(backing, copyOnRead), set);
        }
        Arrays.sort(results);
        return results[repeats / 2];
    }

    private static double medianH2(TokenSet set) throws InterruptedException {
        double[] results = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            try (H2Database database = new H2Database()) {
                set.insertInto(database.store);
                results[r] = measure(new MaterializingStore(database.store, false), set);
            }
        }
        Arrays.sort(results);
        return results[repeats / 2];
    }

    /** Bytes retained per token by a cache holding every token of {@code set}, which {@code store} holds. */
    static double measure(TokenStore store, TokenSet set) throws InterruptedException {
        try (Pat4j classes = build(store, 1)) {
            classes.validator().check(set.bearer[0]); // loads and initializes classes before the baseline
        }
        long before = usedAfterGc(); // before the instance: its fixed-size structures (the read index) count
        try (Pat4j pat4j = build(store, set.size)) {
            TokenValidator validator = pat4j.validator();
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

    private static Pat4j build(TokenStore store, int cacheSize) {
        return BenchmarkDefaults.pat4j(store).cacheMaximumSize(Math.max(cacheSize, 1)).build();
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
