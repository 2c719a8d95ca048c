package dev.pat4j.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The evidence behind the validator's cache structure: a read of a random one of 100 k token ids
 * through each candidate configuration (the known trap: Caffeine's per-read policy work
 * with 100 k random keys costs several times a plain map lookup).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchmarkDefaults.HEAP_MIN, BenchmarkDefaults.HEAP_MAX})
public class CacheConfigurationBenchmark {

    /** One cache of each configuration, all holding the same ids. */
    @State(Scope.Benchmark)
    public static class Caches {
        @Param({"100000"})
        public int tokens;

        String[] keys; // by position, as parsed from requests
        ConcurrentHashMap<String, Object> map;
        Cache<String, Object> sizeAndWriteExpiry;
        Cache<String, Object> sizeOnly;
        Policy<String, Object> sizeAndWriteExpiryPolicy;
        Policy<String, Object> sizeOnlyPolicy;

        @Setup(Level.Trial)
        public void setup() {
            TokenSet set = TokenSet.generate(tokens);
            map = new ConcurrentHashMap<>();
            sizeAndWriteExpiry = Caffeine.newBuilder().maximumSize(tokens).expireAfterWrite(Duration.ofMinutes(5))
                    .executor(Runnable::run).build();
            sizeOnly = Caffeine.newBuilder().maximumSize(tokens).executor(Runnable::run).build();
            for (int i = 0; i < tokens; i++) {
                Object value = new Object();
                map.put(set.ids[i], value);
                sizeAndWriteExpiry.put(set.ids[i], value);
                sizeOnly.put(set.ids[i], value);
            }
            keys = Requests.of(set).id;
            sizeAndWriteExpiryPolicy = sizeAndWriteExpiry.policy();
            sizeOnlyPolicy = sizeOnly.policy();
            BenchmarkDefaults.settleHeap();
        }
    }

    @Benchmark
    public Object concurrentHashMap(Caches c, Cursor cursor) {
        return c.map.get(c.keys[cursor.next(c.tokens)]);
    }

    @Benchmark
    public Object caffeineSizeAndWriteExpiry(Caches c, Cursor cursor) {
        return c.sizeAndWriteExpiry.getIfPresent(c.keys[cursor.next(c.tokens)]);
    }

    @Benchmark
    public Object caffeineSizeOnly(Caches c, Cursor cursor) {
        return c.sizeOnly.getIfPresent(c.keys[cursor.next(c.tokens)]);
    }

    @Benchmark
    public Object caffeineSizeAndWriteExpiryQuiet(Caches c, Cursor cursor) {
        return c.sizeAndWriteExpiryPolicy.getIfPresentQuietly(c.keys[cursor.next(c.tokens)]);
    }

    @Benchmark
    public Object caffeineSizeOnlyQuiet(Caches c, Cursor cursor) {
        return c.sizeOnlyPolicy.getIfPresentQuietly(c.keys[cursor.next(c.tokens)]);
    }
}
