package dev.pat4j.benchmarks;

import dev.pat4j.Pat4j;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.TokenStore;

/** Settings every benchmark class shares, so their numbers are comparable within one run. */
final class BenchmarkDefaults {
    /** Enough heap for 100 k tokens, their fixtures and a full cache, without GC pressure distorting the paths. */
    static final String HEAP_MIN = "-Xms2g";
    static final String HEAP_MAX = "-Xmx2g";
    /**
     * Forks of the benchmarks whose scores make the ratios (floor, pat4j, JDBC) in a full run: on
     * this 2-core VM the same code scored up to a third apart from one JVM to the next (where its
     * memory landed), so each of these scores averages two JVMs. {@code run.sh quick} overrides it with one.
     */
    static final int RATIO_FORKS = 2;

    /**
     * Ends a state's setup with full collections. They compact the heap by sliding objects, which
     * keeps allocation order: the request inputs stay laid out as {@link Requests} placed them, and
     * every run starts from the same kind of layout instead of whatever the young collections of
     * the setup happened to leave (run to run, that alone moved a hit's time by a third).
     */
    static void settleHeap() {
        System.gc();
        System.gc();
    }

    /**
     * A builder on {@code store} and the preset catalog as every benchmark configures pat4j. Its
     * requests name no organization while nine tokens in ten are bound to one, so bound tokens
     * are accepted on organization-less requests: the benchmarks keep measuring the path they
     * measured before binding failed closed (a hit that checks no organization), and every
     * token of the set authenticates.
     */
    static Pat4j.Builder pat4j(TokenStore store) {
        return Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog()).acceptBoundTokensWithoutOrganization(true);
    }

    private BenchmarkDefaults() {
    }
}
