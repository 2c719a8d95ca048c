package dev.pat4j.benchmarks;

import dev.pat4j.Pat4j;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.CountingStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.server.Server;

/**
 * Latency over HTTP during a store outage, against the same with the store up: the
 * {@link EndToEnd} server (Jetty, {@code Pat4jFilter}, pat4j's defaults: breaker of 5 failures and
 * 5 s) over testkit's {@link CountingStore}, whose calls all fail at once while it is down (as a
 * store that lost its database answers: {@code StoreUnavailableException}). {@link LoadGenerator}
 * sends nine requests in ten with cached tokens (each connection one of 4 tokens checked before
 * the run) and one in ten with a token the store holds but this node never checked, a different
 * one each time: with the store up that is a miss (a store read, then 200); during the outage, a
 * rejection (503). Rounds with the store up come first, then rounds with it down; each round's
 * uncached tokens are fresh. Reported: the p50 and p99 of each kind in each state (median over
 * the rounds), and what each kind was answered.
 *
 * <pre>java -cp benchmarks.jar dev.pat4j.benchmarks.OutageLatency SECONDS_PER_ROUND ROUNDS OUT.properties</pre>
 */
public final class OutageLatency {
    private static final int CACHED = 1000;
    private static final int CONNECTIONS = 4;
    /** One request in ten of each connection carries an uncached token. */
    private static final int UNCACHED_EVERY = 10;
    /** Uncached tokens a second a round's pool is sized for (this machine serves about a tenth of 20 000 requests a second). */
    private static final int UNCACHED_PER_SECOND_BOUND = 3_000;
    private static final long MAX_REQUESTS_PER_ROUND = 5_000_000;

    private OutageLatency() {
    }

    /** The median over rounds of each latency figure, and the answers summed. */
    record State(double cachedP50, double cachedP99, double uncachedP50, double uncachedP99, long cachedOk,
                 long cachedOther, long uncachedOk, long uncached503, long uncachedOther, boolean repeated) {
        static State of(List<LoadRun> runs) {
            long uncachedOk = runs.stream().mapToLong(r -> r.otherWith(200)).sum();
            long uncached503 = runs.stream().mapToLong(r -> r.otherWith(503)).sum();
            long uncached = runs.stream().mapToLong(LoadRun::other).sum();
            return new State(median(runs, LoadRun::mainP50Us), median(runs, LoadRun::mainP99Us),
                    median(runs, LoadRun::otherP50Us), median(runs, LoadRun::otherP99Us),
                    runs.stream().mapToLong(LoadRun::ok).sum(), runs.stream().mapToLong(LoadRun::errors).sum(),
                    uncachedOk, uncached503, uncached - uncachedOk - uncached503,
                    runs.stream().anyMatch(LoadRun::otherWrapped));
        }

        String properties(String state) {
            String p = "outage_" + state + "_";
            return String.format(Locale.ROOT, "%scached_p50_us=%.1f%n%scached_p99_us=%.1f%n%suncached_p50_us=%.1f%n"
                            + "%suncached_p99_us=%.1f%n%scached_200=%d%n%scached_other=%d%n%suncached_200=%d%n"
                            + "%suncached_503=%d%n%suncached_other=%d%n%suncached_repeated=%b%n",
                    p, cachedP50, p, cachedP99, p, uncachedP50, p, uncachedP99, p, cachedOk, p, cachedOther, p,
                    uncachedOk, p, uncached503, p, uncachedOther, p, repeated);
        }
    }

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        int perRound = (int) (UNCACHED_PER_SECOND_BOUND * seconds);
        int pools = 2 * rounds + 1; // a warm-up round, then the rounds up, then the rounds down
        TokenSet set = TokenSet.generate(CACHED + pools * perRound);
        CountingStore store = new CountingStore(new InMemoryTokenStore());
        set.insertInto(store);
        Path dir = Files.createTempDirectory("pat4j-outage-latency");
        try (Pat4j pat4j = BenchmarkDefaults.pat4j(store).build()) {
            for (int i = 0; i < CACHED; i++) {
                if (!pat4j.validator().check(set.bearer[i]).authenticated()) {
                    throw new IllegalStateException("a cached token did not validate");
                }
            }
            Path cached = dir.resolve("cached");
            Files.write(cached, Arrays.asList(set.bearer).subList(0, CACHED));
            Path[] uncached = new Path[pools];
            for (int p = 0; p < pools; p++) {
                uncached[p] = dir.resolve("uncached-" + p);
                int from = CACHED + p * perRound;
                Files.write(uncached[p], Arrays.asList(set.bearer).subList(from, from + perRound),
                        StandardCharsets.US_ASCII);
            }
            Server server = EndToEnd.start(pat4j);
            try {
                int port = EndToEnd.port(server);
                round(port, cached, uncached[0], seconds);                  // warm-up, not counted
                List<LoadRun> up = new java.util.ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    up.add(round(port, cached, uncached[1 + r], seconds));
                }
                store.setDown(true);
                List<LoadRun> down = new java.util.ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    down.add(round(port, cached, uncached[1 + rounds + r], seconds));
                }
                store.setDown(false);
                State u = State.of(up);
                State d = State.of(down);
                String result = u.properties("up") + d.properties("down")
                        + String.format(Locale.ROOT, "outage_cached_p99_ratio=%.3f%noutage_connections=%d%n"
                                + "outage_seconds=%s%noutage_rounds=%d%n", d.cachedP99 / u.cachedP99, CONNECTIONS,
                        seconds, rounds);
                Files.writeString(out, result);
                System.out.print(result);
            } finally {
                server.stop();
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static LoadRun round(int port, Path cached, Path uncached, double seconds) throws Exception {
        return LoadRun.run(port, "/pat/", cached, CONNECTIONS, seconds, MAX_REQUESTS_PER_ROUND, uncached,
                UNCACHED_EVERY);
    }

    private static double median(List<LoadRun> runs, java.util.function.ToDoubleFunction<LoadRun> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        return values[values.length / 2];
    }
}
