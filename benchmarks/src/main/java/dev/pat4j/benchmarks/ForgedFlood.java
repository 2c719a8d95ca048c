package dev.pat4j.benchmarks;

import dev.pat4j.Pat4j;
import dev.pat4j.internal.DefaultTokenValidator;
import dev.pat4j.store.InMemoryTokenStore;
import dev.pat4j.testkit.CountingStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.server.Server;

/**
 * The forged-id flood, end to end: the {@link EndToEnd} server (Jetty, {@code Pat4jFilter}, 1 000
 * live tokens in the in-memory store, pat4j's defaults: the filter of live ids and its unseen-id
 * budget of 20 lookups a second) driven by {@link LoadGenerator} in two kinds of rounds, which
 * alternate after a warm-up of each: every request with a valid (cached) token, and every other
 * request with a forged one instead, a token of the right format and a correct checksum whose
 * random id no store holds, never the same one twice within a round. The store is seen through testkit's
 * {@link CountingStore}, so the store lookups the forged tokens cost are counted.
 *
 * <p>On a closed loop over a saturated two-core machine every request costs the server its HTTP
 * work, whatever its token: the flood's figure is the throughput of the mixed traffic against
 * that of valid traffic alone (a forged token as cheap to refuse as a valid one to accept); valid
 * requests answered per second in the mix are reported beside it.
 *
 * <pre>java -cp benchmarks.jar dev.pat4j.benchmarks.ForgedFlood SECONDS_PER_ROUND ROUNDS OUT.properties</pre>
 */
public final class ForgedFlood {
    private static final int TOKENS = 1000;
    private static final int CONNECTIONS = 4;
    /** Every other request is forged: half the traffic. */
    private static final int FORGED_EVERY = 2;
    private static final long MAX_REQUESTS_PER_ROUND = 5_000_000;
    /**
     * Forged tokens a second the pool is sized for, so that none repeats within a round (this
     * machine answers about half that). Each round starts the pool over; an id refused by the
     * filter is not remembered, so a repeat in a later round costs what a fresh id does.
     */
    private static final int FORGED_PER_SECOND_BOUND = 20_000;
    /** The filter's false-positive bound (IdFilter: at most 1 % at its expected size). */
    static final double FILTER_FALSE_POSITIVE_BOUND = 0.01;
    /** pat4j's default unseen-id budget: lookups per second and at once. */
    static final int UNSEEN_PER_SECOND = 20;
    static final int UNSEEN_BURST = 20;

    private ForgedFlood() {
    }

    /** What the mixed rounds saw, summed. */
    record Flood(long forged, long forgedRefused, long lookups, double seconds) {
        double lookupsPerForged() {
            return forged == 0 ? Double.NaN : lookups / (double) forged;
        }

        /** The most lookups the unseen-id budget allows in these rounds (burst once per round counted generously). */
        double budgetAllows(int rounds) {
            return UNSEEN_PER_SECOND * seconds + UNSEEN_BURST * (double) rounds;
        }
    }

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        TokenSet set = TokenSet.generate(TOKENS);
        CountingStore store = new CountingStore(new InMemoryTokenStore());
        set.insertInto(store);
        int pool = (int) Math.min(1_000_000, FORGED_PER_SECOND_BOUND * seconds);
        Path headers = Files.createTempFile("pat4j-flood", ".headers");
        Path forged = Files.createTempFile("pat4j-flood", ".forged");
        try (Pat4j pat4j = BenchmarkDefaults.pat4j(store).build()) {
            if (!(pat4j.validator() instanceof DefaultTokenValidator v) || !v.filteringIds()) {
                throw new IllegalStateException("no filter of live ids: the flood would measure the store");
            }
            Files.write(headers, List.of(set.bearer));
            Files.write(forged, TokenSet.forgedBearer(pool, 20261203L), StandardCharsets.US_ASCII);
            Server server = EndToEnd.start(pat4j);
            try {
                int port = EndToEnd.port(server);
                valid(port, headers, seconds);                               // warm-up, not counted
                mixed(port, headers, forged, seconds);
                double valid = 0;
                double mixedAll = 0;
                double mixedValid = 0;
                Flood total = new Flood(0, 0, 0, 0);
                boolean wrapped = false;
                for (int r = 0; r < rounds; r++) {
                    valid += valid(port, headers, seconds).okPerSecond();
                    int before = store.findCalls();
                    LoadRun m = mixed(port, headers, forged, seconds);
                    int lookups = store.findCalls() - before;
                    mixedAll += m.allPerSecond();
                    mixedValid += m.okPerSecond();
                    wrapped |= m.otherWrapped();
                    total = new Flood(total.forged + m.other(), total.forgedRefused + m.otherWith(401),
                            total.lookups + lookups, total.seconds + m.seconds());
                }
                String result = report(valid / rounds, mixedAll / rounds, mixedValid / rounds, total, rounds, wrapped,
                        seconds);
                Files.writeString(out, result);
                System.out.print(result);
            } finally {
                server.stop();
            }
        } finally {
            Files.deleteIfExists(headers);
            Files.deleteIfExists(forged);
        }
    }

    static String report(double valid, double mixedAll, double mixedValid, Flood flood, int rounds, boolean wrapped,
                         double seconds) {
        return String.format(Locale.ROOT, "flood_rps_valid_alone=%.0f%nflood_rps_mixed_all=%.0f%nflood_rps_mixed_valid=%.0f%n"
                        + "flood_total_fraction=%.3f%nflood_valid_fraction=%.3f%nflood_forged=%d%nflood_forged_refused=%d%n"
                        + "flood_store_lookups=%d%nflood_lookups_per_forged=%.5f%nflood_lookups_per_second=%.1f%n"
                        + "flood_budget_lookups=%.0f%nflood_filter_fp_bound=%s%nflood_forged_repeated=%b%n"
                        + "flood_connections=%d%nflood_seconds=%s%nflood_rounds=%d%n",
                valid, mixedAll, mixedValid, mixedAll / valid, mixedValid / valid, flood.forged, flood.forgedRefused,
                flood.lookups, flood.lookupsPerForged(), flood.lookups / flood.seconds, flood.budgetAllows(rounds),
                FILTER_FALSE_POSITIVE_BOUND, wrapped, CONNECTIONS, seconds, rounds);
    }

    private static LoadRun valid(int port, Path headers, double seconds) throws Exception {
        LoadRun run = LoadRun.run(port, "/pat/", headers, CONNECTIONS, seconds, MAX_REQUESTS_PER_ROUND, null, 0);
        if (run.errors() > 0 || run.ok() == 0) {
            throw new IllegalStateException("valid traffic: " + run.errors() + " failed requests of "
                    + (run.ok() + run.errors()));
        }
        return run;
    }

    private static LoadRun mixed(int port, Path headers, Path forged, double seconds) throws Exception {
        LoadRun run = LoadRun.run(port, "/pat/", headers, CONNECTIONS, seconds, MAX_REQUESTS_PER_ROUND, forged,
                FORGED_EVERY);
        if (run.errors() > 0 || run.ok() == 0) {
            throw new IllegalStateException("valid traffic in the flood: " + run.errors() + " failed requests");
        }
        if (run.otherWith(401) != run.other()) {
            throw new IllegalStateException("a forged token was not refused with 401: " + run.otherStatuses());
        }
        return run;
    }
}
