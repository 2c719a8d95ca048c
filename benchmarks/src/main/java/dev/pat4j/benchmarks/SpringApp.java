package dev.pat4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One running instance of the Spring Boot benchmark application
 * ({@code spring-boot/pat4j-spring-boot-benchmark}) in its own JVM, on 127.0.0.1 and a port of
 * its choosing, guarded by the chain {@code security} names. {@link #start} returns once the
 * application has written its port (and its clients' headers, {@link #headers()}); {@link #stop}
 * stops it. Not thread-safe: one harness thread starts, uses and stops it.
 *
 * @param process the application's JVM
 * @param port    the port it listens on
 * @param headers the file of {@code Authorization} headers its clients send, one a line (empty: none)
 */
record SpringApp(Process process, int port, Path headers) {
    private static final long START_TIMEOUT_MILLIS = 180_000;

    /**
     * Starts the application jar with {@code jvmFlags}, its output appended to {@code log}; files go to {@code dir}.
     */
    static SpringApp start(Path jar, String security, List<String> jvmFlags, Path dir, Path log)
            throws IOException, InterruptedException {
        Path ready = dir.resolve(security + ".port");
        Path headers = dir.resolve(security + ".headers");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", jar.toString(), "--bench.security=" + security, "--server.port=0",
                "--server.address=127.0.0.1", "--bench.ready-file=" + ready, "--bench.headers-file=" + headers));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (!Files.exists(ready)) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the Spring application (" + security + ") did not start: see " + log);
            }
            Thread.sleep(100);
        }
        int port = Integer.parseInt(Files.readString(ready, StandardCharsets.UTF_8).strip());
        return new SpringApp(process, port, headers);
    }

    /** Stops the application as a shutdown signal does, forcibly if it has not stopped within 30 s. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
