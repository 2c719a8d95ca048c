package dev.pat4j.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Spring Boot harness: the benchmark application ({@code spring-boot/pat4j-spring-boot-benchmark})
 * started three times, each in its own JVM with the same flags, its one endpoint behind the pat4j
 * chain, a {@code permitAll} chain and HTTP Basic with a BCrypt (strength 10) user; all three run
 * at once, idle but for the one measured. {@link LoadGenerator} (own JVM, the headers each
 * application wrote) warms each up (three rounds, one for the BCrypt-bound Basic chain), then the configurations alternate for {@code ROUNDS} rounds, as
 * {@link EndToEnd}'s do (each round starting with the next configuration), and requests per second
 * are averaged over the rounds.
 *
 * <pre>java -cp benchmarks.jar dev.pat4j.benchmarks.SpringThroughput APP.jar SECONDS_PER_ROUND ROUNDS OUT.properties</pre>
 * The applications' logs go beside OUT.properties ({@code spring-<configuration>.log}).
 */
public final class SpringThroughput {
    /** The configurations, in the order each round measures them. */
    static final List<String> CONFIGURATIONS = List.of("pat4j", "permitall", "basic");
    /** The flags of every application JVM: a fixed heap and collector, so the three differ only in their chain. */
    static final List<String> JVM_FLAGS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC");
    /** The configuration whose requests/s is BCrypt's: warm after a few requests, so warmed for one round only. */
    private static final String BCRYPT_BOUND = "basic";
    /**
     * Warm-up rounds of the other two, alternating: on this 2-core machine a Spring application still
     * served a third of its steady rate in its second 10-second round, and was steady from the fourth.
     */
    private static final int WARM_UP_ROUNDS = 3;
    private static final int CONNECTIONS = 4;
    private static final long MAX_REQUESTS_PER_ROUND = 5_000_000;

    private SpringThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        Path logs = out.toAbsolutePath().getParent();
        Path dir = Files.createTempDirectory("pat4j-spring-bench");
        Map<String, SpringApp> apps = new LinkedHashMap<>();
        try {
            for (String security : CONFIGURATIONS) {
                Path log = logs.resolve("spring-" + security + ".log");
                Files.deleteIfExists(log);
                apps.put(security, SpringApp.start(jar, security, JVM_FLAGS, dir, log));
            }
            Map<String, List<Double>> rps = measure(apps, seconds, rounds);
            String result = result(rps, args[1], rounds);
            Files.writeString(out, result);
            System.out.print(result);
        } finally {
            for (SpringApp app : apps.values()) {
                app.stop();
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f); // the headers hold tokens and a password
                }
            }
            Files.delete(dir);
        }
    }

    /**
     * Warm-up rounds (not counted), then {@code rounds} rounds of all three in turn, each round
     * starting one configuration later than the one before, so none is always measured first.
     */
    private static Map<String, List<Double>> measure(Map<String, SpringApp> apps, double seconds, int rounds)
            throws Exception {
        for (int w = 0; w < WARM_UP_ROUNDS; w++) {
            for (Map.Entry<String, SpringApp> app : apps.entrySet()) {
                if (w == 0 || !app.getKey().equals(BCRYPT_BOUND)) {
                    System.err.printf(Locale.ROOT, "warm-up %d %s: %.0f requests/s%n", w + 1, app.getKey(),
                            round(app.getValue(), seconds));
                }
            }
        }
        Map<String, List<Double>> rps = new LinkedHashMap<>();
        for (String security : CONFIGURATIONS) {
            rps.put(security, new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < CONFIGURATIONS.size(); i++) {
                String security = CONFIGURATIONS.get((r + i) % CONFIGURATIONS.size());
                double value = round(apps.get(security), seconds);
                rps.get(security).add(value);
                System.err.printf(Locale.ROOT, "round %d %s: %.0f requests/s%n", r + 1, security, value);
            }
        }
        return rps;
    }

    private static double round(SpringApp app, double seconds) throws Exception {
        LoadRun run = LoadRun.run(app.port(), "/bench/hello", app.headers(), CONNECTIONS, seconds,
                MAX_REQUESTS_PER_ROUND, null, 0);
        if (run.errors() > 0 || run.ok() == 0) {
            throw new IllegalStateException(app + ": " + run.errors() + " failed requests of " + (run.ok() + run.errors()));
        }
        return run.okPerSecond();
    }

    /**
     * The properties Report reads: each configuration's mean, fewest and most requests/s of a round, the
     * two ratios of the means, and a range for each (worst round against best, and best against worst).
     */
    private static String result(Map<String, List<Double>> rps, String seconds, int rounds) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Double>> e : rps.entrySet()) {
            List<Double> v = e.getValue();
            sb.append(String.format(Locale.ROOT, "spring_rps_%s=%.1f%nspring_rps_%s_min=%.1f%nspring_rps_%s_max=%.1f%n",
                    e.getKey(), mean(v), e.getKey(), min(v), e.getKey(), max(v)));
        }
        ratio(sb, "spring_pat4j_over_permitall", rps.get("pat4j"), rps.get("permitall"));
        ratio(sb, "spring_pat4j_over_basic", rps.get("pat4j"), rps.get("basic"));
        sb.append(String.format(Locale.ROOT, "spring_connections=%d%nspring_seconds=%s%nspring_rounds=%d%n"
                        + "spring_warm_up_rounds=%d%nspring_max_requests=%d%nspring_jvm_flags=%s%n", CONNECTIONS,
                seconds, rounds, WARM_UP_ROUNDS, MAX_REQUESTS_PER_ROUND, String.join(" ", JVM_FLAGS)));
        return sb.toString();
    }

    private static void ratio(StringBuilder sb, String name, List<Double> a, List<Double> b) {
        sb.append(String.format(Locale.ROOT, "%s=%.4f%n%s_low=%.4f%n%s_high=%.4f%n", name, mean(a) / mean(b),
                name, min(a) / max(b), name, max(a) / min(b)));
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
