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
 * Turns one JMH run (its JSON result file), the retained-heap measurement and, when it ran, the
 * end-to-end harness's result into {@code RESULTS.md} and {@code ratios.properties}.
 *
 * <pre>java -cp benchmarks.jar dev.pat4j.benchmarks.Report MODE jmh.json retained.properties
 *     e2e.properties RESULTS.md ratios.properties [COMMAND [NOTE]]</pre>
 * A missing e2e file means the harness did not run; its ratio is then left out.
 */
public final class Report {
    private static final String SIZE = "100000";
    private static final String PKG = "dev.pat4j.benchmarks.";

    private final List<Result> results = new ArrayList<>();
    private final Map<String, Double> ratios = new LinkedHashMap<>();
    private final Map<String, String> ranges = new LinkedHashMap<>();

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 6) {
            System.err.println("usage: Report MODE jmh.json retained.properties e2e.properties RESULTS.md ratios.properties [COMMAND]");
            System.exit(2);
        }
        Report report = new Report();
        report.read(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8));
        Properties retained = load(Path.of(args[2]));
        Properties e2e = load(Path.of(args[3]));
        report.computeRatios(retained, e2e);
        String command = args.length > 6 ? args[6] : "benchmarks/run.sh " + args[0];
        String note = args.length > 7 ? args[7] : "";
        Files.writeString(Path.of(args[4]), report.markdown(args[0], command, note, retained, e2e),
                StandardCharsets.UTF_8);
        Files.writeString(Path.of(args[5]), report.properties(), StandardCharsets.UTF_8);
        System.out.print(report.properties());
    }

    /** One benchmark result: name without package, parameters, threads, score, error, allocation. */
    record Result(String name, String tokens, int threads, double score, double error, String unit,
                  double alloc, double allocError) {
    }

    @SuppressWarnings("unchecked")
    private void read(String json) {
        for (Object o : (List<Object>) Json.parse(json)) {
            Map<String, Object> r = (Map<String, Object>) o;
            String name = ((String) r.get("benchmark")).replace(PKG, "");
            Map<String, Object> params = (Map<String, Object>) r.getOrDefault("params", Map.of());
            String tokens = (String) params.getOrDefault("tokens", "");
            Map<String, Object> primary = (Map<String, Object>) r.get("primaryMetric");
            Map<String, Object> secondary = (Map<String, Object>) r.getOrDefault("secondaryMetrics", Map.of());
            Map<String, Object> alloc = (Map<String, Object>) secondary.get("gc.alloc.rate.norm");
            results.add(new Result(name, tokens, ((Double) r.get("threads")).intValue(), number(primary.get("score")),
                    number(primary.get("scoreError")), (String) primary.get("scoreUnit"),
                    alloc == null ? Double.NaN : number(alloc.get("score")),
                    alloc == null ? Double.NaN : number(alloc.get("scoreError"))));
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

    private void computeRatios(Properties retained, Properties e2e) {
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

    private String markdown(String mode, String command, String note, Properties retained, Properties e2e) {
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
                        + "make the ratios, one for the rest" : "one fork each")
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
        md.append("\n## Every score\n\n");
        md.append("| benchmark | tokens | threads | score | ± error | unit | allocated B/op |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | --- | ---: |\n");
        for (Result r : results) {
            md.append("| ").append(r.name).append(" | ").append(r.tokens).append(" | ").append(r.threads).append(" | ")
                    .append(fmt(r.score)).append(" | ").append(fmt(r.error)).append(" | ").append(r.unit).append(" | ")
                    .append(Double.isNaN(r.alloc) ? "" : fmt(r.alloc) + " ± " + fmt(r.allocError)).append(" |\n");
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

    private static String fmt(double v) {
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
