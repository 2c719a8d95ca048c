package dev.pat4j.web.forward;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx in the foreground ({@code daemon off}), on a free loopback port, with a generated
 * configuration whose pid file, logs and every temp path lie in one folder of the test's: the
 * documented server block ({@code nginx-forward-auth.conf}, the one web/README.md shows) with its
 * placeholders filled in, inside a minimal {@code http} block. Runs as the current user, as one process (no master, no user directive).
 */
final class Nginx implements AutoCloseable {
    static final String TEMPLATE = "nginx-forward-auth.conf";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final int port;
    private final Path prefix;

    private Nginx(Process process, int port, Path prefix) {
        this.process = process;
        this.port = port;
        this.prefix = prefix;
    }

    /** The documented server block, as README.md shows it. */
    static String template() {
        try (InputStream in = Nginx.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + TEMPLATE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code nginx} with the template's placeholders replaced by {@code values}, in {@code prefix}. */
    static Nginx start(Path nginx, Path prefix, Map<String, String> values) throws Exception {
        String block = template();
        for (Map.Entry<String, String> value : values.entrySet()) {
            block = block.replace("${" + value.getKey() + "}", value.getValue());
        }
        if (block.contains("${")) {
            throw new IllegalArgumentException("a placeholder is left unfilled in " + TEMPLATE);
        }
        Files.createDirectories(prefix);
        int port = freePort();
        String p = prefix.toAbsolutePath().toString();
        String conf = String.join("\n",
                "daemon off;",
                // one process, as the current user: no workers handed to 'nobody' when run as root
                // (who could not read the test's folder), and one process to stop
                "master_process off;",
                "pid " + p + "/nginx.pid;",
                "error_log " + p + "/error.log info;",
                "events { worker_connections 64; }",
                "http {",
                "    access_log " + p + "/access.log;",
                "    client_body_temp_path " + p + "/client_body_temp;",
                "    proxy_temp_path " + p + "/proxy_temp;",
                "    fastcgi_temp_path " + p + "/fastcgi_temp;",
                "    uwsgi_temp_path " + p + "/uwsgi_temp;",
                "    scgi_temp_path " + p + "/scgi_temp;",
                "    default_type application/octet-stream;",
                "    server {",
                "        listen 127.0.0.1:" + port + ";",
                "        server_name localhost;",
                block.indent(8),
                "    }",
                "}",
                "");
        Path confFile = prefix.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Process process = new ProcessBuilder(nginx.toString(), "-p", p + "/", "-e", p + "/error.log",
                "-c", confFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("nginx.out").toFile())
                .start();
        Nginx started = new Nginx(process, port, prefix);
        started.awaitListening();
        return started;
    }

    int port() {
        return port;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** The error log, for failure messages. */
    String errorLog() {
        try {
            Path log = prefix.resolve("error.log");
            return Files.exists(log) ? Files.readString(log) : "(no error log)";
        } catch (IOException e) {
            return "(unreadable error log: " + e + ")";
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(prefix.resolve("nginx.out")) + "\n" + errorLog());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        close();
        throw new IllegalStateException("nginx did not listen on " + port + " within " + START_TIMEOUT + ":\n"
                + errorLog());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
