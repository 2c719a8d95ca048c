package dev.pat4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One round of {@link LoadGenerator} in its own JVM (256 MB heap, this JVM's class path) against
 * 127.0.0.1: returns requests per second and fails if any request did not get 200. The same
 * round as {@link EndToEnd}'s, for harnesses that drive other servers. Stateless.
 */
final class LoadRun {
    private LoadRun() {
    }

    /**
     * Runs the generator for {@code seconds} (or {@code maxRequests}) with {@code connections}
     * keep-alive connections, each sending one header of {@code headers} (null: none).
     */
    static double requestsPerSecond(int port, String path, Path headers, int connections, double seconds,
                                    long maxRequests) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                LoadGenerator.class.getName(), Integer.toString(port), path,
                headers == null ? "-" : headers.toString(), Integer.toString(connections), Double.toString(seconds),
                Long.toString(maxRequests))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
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
        long requests = 0;
        long errors = 0;
        double elapsed = 0;
        for (String part : line.split(" ")) {
            String[] kv = part.split("=");
            switch (kv[0]) {
                case "requests" -> requests = Long.parseLong(kv[1]);
                case "errors" -> errors = Long.parseLong(kv[1]);
                case "seconds" -> elapsed = Double.parseDouble(kv[1]);
                default -> { }
            }
        }
        if (errors > 0 || requests == 0) {
            throw new IllegalStateException(path + ": " + errors + " failed requests of " + (requests + errors));
        }
        return requests / elapsed;
    }
}
