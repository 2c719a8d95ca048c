package dev.pat4j.benchmarks;

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

/** pat4j's check on the JDBC store over embedded H2 (pooled): a cache hit and a cache miss. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = BenchmarkDefaults.RATIO_FORKS, jvmArgsAppend = {BenchmarkDefaults.HEAP_MIN, BenchmarkDefaults.HEAP_MAX})
public class JdbcBenchmark {

    /** A pat4j instance over the JDBC store holding every token of the set, its cache warm. */
    @State(Scope.Benchmark)
    public static class JdbcValidator {
        @Param({"1000", "100000"})
        public int tokens;

        H2Database database;
        WarmPat4j warm;
        TokenSet set;
        Requests requests;
        TokenValidator validator;

        @Setup(Level.Trial)
        public void setup() {
            database = new H2Database();
            warm = new WarmPat4j(TokenSet.generate(tokens), database.store);
            set = warm.set;
            requests = Requests.of(set);
            validator = warm.validator;
            BenchmarkDefaults.settleHeap();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            warm.close();
            database.close();
        }
    }

    @Benchmark
    public ValidationResult jdbcHitBearer(JdbcValidator v, Cursor c) {
        return v.validator.check(v.requests.bearer[c.next(v.set.size)]);
    }

    /** A miss: the entry is dropped after each check, so each check reads the database. */
    @Benchmark
    public ValidationResult jdbcMiss(JdbcValidator v, Cursor c) {
        int p = c.next(v.set.size);
        ValidationResult result = v.validator.check(v.requests.bearer[p]);
        v.warm.invalidator.invalidate(v.requests.id[p]);
        return result;
    }
}
