package dev.pat4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One round of {@link LoadGenerator} in its own JVM, and what it printed: main requests answered
 * 200 and not, elapsed seconds, the other requests by status, and the latency percentiles.
 * Immutable.
 */
record LoadRun(long ok, long errors, double seconds, long other, boolean otherWrapped, Map<String, Long> otherStatuses,
               double mainP50Us, double mainP99Us, double otherP50Us, double otherP99Us) {

    /** Main requests answered 200 per second. */
    double okPerSecond() {
        return ok / seconds;
    }

    /** Every request answered (main and other) per second. */
    double allPerSecond() {
        return (ok + errors + other) / seconds;
    }

    long otherWith(int status) {
        return otherStatuses.getOrDefault(Integer.toString(status), 0L);
    }

    /**
     * Runs the generator: {@code connections} connections to 127.0.0.1:{@code port}{@code path}, each
     * sending its line of {@code headers} (none if null), and every {@code every}-th request the
     * next line of {@code other} (when not null), for {@code seconds} or {@code maxRequests}.
     */
    static LoadRun run(int port, String path, Path headers, int connections, double seconds, long maxRequests,
                       Path other, int every) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                LoadGenerator.class.getName(), Integer.toString(port), path,
                headers == null ? "-" : headers.toString(), Integer.toString(connections), Double.toString(seconds),
                Long.toString(maxRequests)));
        if (other != null) {
            command.add(other.toString());
            command.add(Integer.toString(every));
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = r.readLine();
        }
        if (!p.waitFor((long) seconds + 60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("load generator did not finish");
        }
        if (line == null || p.exitValue() != 0) {
            throw new IllegalStateException("load generator failed (exit " + p.exitValue() + ")");
        }
        return parse(line);
    }

    /** Reads the generator's line ({@code key=value} separated by spaces). */
    static LoadRun parse(String line) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : line.trim().split(" ")) {
            int eq = part.indexOf('=');
            kv.put(part.substring(0, eq), part.substring(eq + 1));
        }
        Map<String, Long> statuses = new LinkedHashMap<>();
        kv.forEach((k, v) -> {
            if (k.startsWith("other_") && !k.equals("other_wrapped") && !k.endsWith("_us")) {
                statuses.put(k.substring("other_".length()), Long.parseLong(v));
            }
        });
        return new LoadRun(Long.parseLong(kv.get("requests")), Long.parseLong(kv.get("errors")),
                Double.parseDouble(kv.get("seconds")), Long.parseLong(kv.getOrDefault("other", "0")),
                Boolean.parseBoolean(kv.getOrDefault("other_wrapped", "false")), statuses,
                number(kv.get("main_p50_us")), number(kv.get("main_p99_us")), number(kv.get("other_p50_us")),
                number(kv.get("other_p99_us")));
    }

    private static double number(String v) {
        return v == null ? Double.NaN : Double.parseDouble(v);
    }
}
