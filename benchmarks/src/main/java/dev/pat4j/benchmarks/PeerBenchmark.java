package dev.pat4j.benchmarks;

import dev.pat4j.scope.AzureDevOpsScopes;
import dev.pat4j.validation.ValidationResult;
import java.time.Clock;
import java.util.Arrays;
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

/** The hand-written peer on the same tokens and headers as pat4j's hit and rejection benchmarks. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchmarkDefaults.HEAP_MIN, BenchmarkDefaults.HEAP_MAX})
public class PeerBenchmark {

    /** The hand-written validator holding every token of the set. */
    @State(Scope.Benchmark)
    public static class Peer {
        @Param({"1000", "100000"})
        public int tokens;

        TokenSet set;
        Requests requests;
        HandWrittenValidator validator;

        @Setup(Level.Trial)
        public void setup() {
            set = TokenSet.generate(tokens);
            requests = Requests.of(set);
            validator = new HandWrittenValidator(Arrays.asList(set.stored), AzureDevOpsScopes.catalog(),
                    Clock.systemUTC());
            BenchmarkDefaults.settleHeap();
        }
    }

    @Benchmark
    public ValidationResult handWrittenHitBearer(Peer p, Cursor c) {
        return p.validator.check(p.requests.bearer[c.next(p.tokens)]);
    }

    @Benchmark
    public ValidationResult handWrittenHitBasic(Peer p, Cursor c) {
        return p.validator.check(p.requests.basic[c.next(p.tokens)]);
    }

    @Benchmark
    public ValidationResult handWrittenRejectChecksum(Peer p, Cursor c) {
        return p.validator.check(p.requests.badChecksum[c.next(p.tokens)]);
    }
}
