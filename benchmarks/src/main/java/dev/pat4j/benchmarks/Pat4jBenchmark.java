package dev.pat4j.benchmarks;

import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.validation.TokenValidator;
import dev.pat4j.validation.ValidationResult;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * pat4j's {@link TokenValidator#check} on the in-memory store: cache hits (Bearer, Basic; one and
 * two threads), cache misses, rejection by checksum and rejection of an unknown id.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = BenchmarkDefaults.RATIO_FORKS, jvmArgsAppend = {BenchmarkDefaults.HEAP_MIN, BenchmarkDefaults.HEAP_MAX})
public class Pat4jBenchmark {

    /** A pat4j instance over the in-memory store holding every token of the set, its cache warm. */
    @State(Scope.Benchmark)
    public static class Validator {
        @Param({"1000", "100000"})
        public int tokens;

        WarmPat4j warm;
        TokenSet set;
        Requests requests;
        TokenValidator validator;

        @Setup(Level.Trial)
        public void setup() {
            warm = new WarmPat4j(TokenSet.generate(tokens), new InMemoryTokenStore());
            set = warm.set;
            requests = Requests.of(set);
            validator = warm.validator;
            BenchmarkDefaults.settleHeap();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            warm.close();
        }
    }

    @Benchmark
    public ValidationResult hitBearer(Validator v, Cursor c) {
        return v.validator.check(v.requests.bearer[c.next(v.tokens)]);
    }

    @Benchmark
    @Threads(2)
    public ValidationResult hitBearerTwoThreads(Validator v, Cursor c) {
        return v.validator.check(v.requests.bearer[c.next(v.tokens)]);
    }

    @Benchmark
    public ValidationResult hitBasic(Validator v, Cursor c) {
        return v.validator.check(v.requests.basic[c.next(v.tokens)]);
    }

    /** A miss: the entry is dropped after each check (the drop is part of the measured cost). */
    @Benchmark
    public ValidationResult miss(Validator v, Cursor c) {
        int p = c.next(v.tokens);
        ValidationResult result = v.validator.check(v.requests.bearer[p]);
        v.warm.invalidator.invalidate(v.requests.id[p]);
        return result;
    }

    @Benchmark
    public ValidationResult rejectChecksum(Validator v, Cursor c) {
        return v.validator.check(v.requests.badChecksum[c.next(v.tokens)]);
    }

    /** Well-formed tokens of unknown ids, repeated: answered by the negative cache (the store when it expired). */
    @Benchmark
    public ValidationResult rejectUnknown(Validator v, Cursor c) {
        return v.validator.check(v.set.unknown[c.next(TokenSet.UNKNOWN_IDS)]);
    }
}
