package dev.pat4j.benchmarks;

import dev.pat4j.Pat4j;
import dev.pat4j.store.TokenStore;
import dev.pat4j.testkit.CountingStore;
import dev.pat4j.validation.TokenValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * 32 threads missing one id at once, on the JDBC store over H2 and over PostgreSQL: in each
 * round every thread waits at a barrier, then checks the same token, one never checked before.
 * The store is seen through testkit's {@link CountingStore}, so the round's store reads are
 * counted; the time is from the barrier's opening to the last thread's answer (waking 32 threads
 * on the machine's cores included, as 32 requests arriving together pay it). Own JVM:
 *
 * <pre>java -cp benchmarks.jar dev.pat4j.benchmarks.SingleFlight ROUNDS OUT.properties</pre>
 * The first fifth of the rounds (at least 20) warm up and are not reported.
 */
public final class SingleFlight {
    static final int THREADS = 32;

    private SingleFlight() {
    }

    /** What the rounds on one store saw. */
    record Outcome(int rounds, int minStoreCalls, int maxStoreCalls, int unauthenticated, long[] allAnsweredNanos) {
        long percentile(double q) {
            long[] sorted = allAnsweredNanos.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SingleFlight ROUNDS OUT.properties");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        int warmup = Math.max(20, rounds / 5);
        StringBuilder out = new StringBuilder();
        out.append("single_flight_threads=").append(THREADS).append('\n');
        out.append("single_flight_rounds=").append(rounds).append('\n');
        try (H2Database h2 = new H2Database()) {
            append(out, "h2", run(h2.store, warmup, rounds));
        }
        try (PostgresDatabase pg = new PostgresDatabase()) {
            append(out, "pg", run(pg.store, warmup, rounds));
        }
        Files.writeString(Path.of(args[1]), out.toString(), StandardCharsets.UTF_8);
        System.out.print(out);
    }

    private static void append(StringBuilder out, String store, Outcome o) {
        String p = "single_flight_" + store + "_";
        out.append(p).append("store_calls_min=").append(o.minStoreCalls).append('\n');
        out.append(p).append("store_calls_max=").append(o.maxStoreCalls).append('\n');
        out.append(p).append("unauthenticated=").append(o.unauthenticated).append('\n');
        out.append(p).append("all_answered_p50_us=").append(micros(o.percentile(0.50))).append('\n');
        out.append(p).append("all_answered_p99_us=").append(micros(o.percentile(0.99))).append('\n');
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1000.0);
    }

    /** {@code warmup} unreported rounds, then {@code rounds} reported ones, each on a token of its own. */
    static Outcome run(TokenStore store, int warmup, int rounds) throws InterruptedException {
        TokenSet set = TokenSet.generate(warmup + rounds);
        CountingStore counting = new CountingStore(store);
        set.insertInto(counting); // before the validator is built: its filter of live ids sees them
        try (Pat4j pat4j = BenchmarkDefaults.pat4j(counting).build()) {
            return rounds(pat4j.validator(), counting::findCalls, set, warmup, rounds);
        }
    }

    private static Outcome rounds(TokenValidator validator, Supplier<Integer> storeCalls, TokenSet set, int warmup,
                                  int rounds) throws InterruptedException {
        long[] answeredAt = new long[THREADS];
        long[] opened = new long[1];
        AtomicInteger unauthenticated = new AtomicInteger();
        int[] round = new int[1];
        CyclicBarrier start = new CyclicBarrier(THREADS + 1, () -> opened[0] = System.nanoTime());
        CyclicBarrier done = new CyclicBarrier(THREADS + 1);
        int total = warmup + rounds;
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            int me = t;
            threads[t] = new Thread(() -> {
                try {
                    for (int r = 0; r < total; r++) {
                        start.await();
                        // the barrier publishes round[0], written before the main thread arrived
                        if (!validator.check(set.bearer[round[0]]).authenticated()) {
                            unauthenticated.incrementAndGet();
                        }
                        answeredAt[me] = System.nanoTime();
                        done.await();
                    }
                } catch (InterruptedException | BrokenBarrierException e) {
                    Thread.currentThread().interrupt();
                }
            }, "single-flight-" + t);
            threads[t].start();
        }
        long[] allAnswered = new long[rounds];
        int min = Integer.MAX_VALUE;
        int max = 0;
        try {
            for (int r = 0; r < total; r++) {
                round[0] = r;
                int before = storeCalls.get();
                start.await();
                done.await();
                int calls = storeCalls.get() - before;
                if (r >= warmup) {
                    long last = Arrays.stream(answeredAt).max().orElseThrow();
                    allAnswered[r - warmup] = last - opened[0];
                    min = Math.min(min, calls);
                    max = Math.max(max, calls);
                }
            }
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException("a checking thread failed", e);
        } finally {
            for (Thread t : threads) {
                t.interrupt();
                t.join();
            }
        }
        return new Outcome(rounds, min, max, unauthenticated.get(), allAnswered);
    }
}
