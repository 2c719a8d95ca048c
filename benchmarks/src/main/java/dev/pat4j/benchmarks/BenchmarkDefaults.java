package dev.pat4j.benchmarks;

/** Settings every benchmark class shares, so their numbers are comparable within one run. */
final class BenchmarkDefaults {
    /** Enough heap for 100 k tokens, their fixtures and a full cache, without GC pressure distorting the paths. */
    static final String HEAP_MIN = "-Xms2g";
    static final String HEAP_MAX = "-Xmx2g";

    private BenchmarkDefaults() {
    }
}
