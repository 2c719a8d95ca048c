package dev.pat4j.benchmarks;

import dev.pat4j.Pat4j;
import dev.pat4j.internal.CacheInvalidator;
import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.store.TokenStore;
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
@Fork(value = 1, jvmArgsAppend = {BenchmarkDefaults.HEAP_MIN, BenchmarkDefaults.HEAP_MAX})
public class Pat4jBenchmark {

    /** A pat4j instance over a store holding every token of the set, its cache warm. */
    @State(Scope.Benchmark)
    public static class Validator {
        @Param({"1000", "100000"})
        public int tokens;

        TokenSet set;
        Pat4j pat4j;
        TokenValidator validator;
        CacheInvalidator invalidator;

        @Setup(Level.Trial)
        public void setup() {
            set = TokenSet.generate(tokens);
            setUp(set, new InMemoryTokenStore());
        }

        void setUp(TokenSet tokenSet, TokenStore store) {
            set = tokenSet;
            set.insertInto(store);
            pat4j = Pat4j.builder().store(store).scopes(AzureDevOpsScopes.catalog()).build();
            validator = pat4j.validator();
            invalidator = (CacheInvalidator) validator; // the miss benchmark drops one entry per operation
            for (String header : set.bearer) {
                if (!validator.check(header).authenticated()) {
                    throw new IllegalStateException("a token of the set does not validate");
                }
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            pat4j.close();
        }
    }

    @Benchmark
    public ValidationResult hitBearer(Validator v, Cursor c) {
        return v.validator.check(v.set.bearer[c.next(v.tokens)]);
    }

    @Benchmark
    @Threads(2)
    public ValidationResult hitBearerTwoThreads(Validator v, Cursor c) {
        return v.validator.check(v.set.bearer[c.next(v.tokens)]);
    }

    @Benchmark
    public ValidationResult hitBasic(Validator v, Cursor c) {
        return v.validator.check(v.set.basic[c.next(v.tokens)]);
    }

    /** A miss: the entry is dropped after each check (the drop is part of the measured cost). */
    @Benchmark
    public ValidationResult miss(Validator v, Cursor c) {
        int i = c.next(v.tokens);
        ValidationResult result = v.validator.check(v.set.bearer[i]);
        v.invalidator.invalidate(v.set.ids[i]);
        return result;
    }

    @Benchmark
    public ValidationResult rejectChecksum(Validator v, Cursor c) {
        return v.validator.check(v.set.badChecksum[c.next(v.tokens)]);
    }

    /** Well-formed tokens of unknown ids, repeated: answered by the negative cache (the store when it expired). */
    @Benchmark
    public ValidationResult rejectUnknown(Validator v, Cursor c) {
        return v.validator.check(v.set.unknown[c.next(TokenSet.UNKNOWN_IDS)]);
    }
}
