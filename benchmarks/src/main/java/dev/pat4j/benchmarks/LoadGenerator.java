package dev.pat4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The end-to-end load generator, run in its own JVM by {@link EndToEnd}: {@code connections}
 * threads, each on one keep-alive HTTP/1.1 connection to 127.0.0.1, send GET requests until the
 * time limit or the request bound, and count 200 responses. Connection {@code i} sends the
 * {@code i}-th {@code Authorization} header of a file (or none) on every request, as a client
 * holding one token does (Jetty caches a connection's repeated header values). A raw socket client rather than {@code java.net.http}: on a
 * two-core machine the generator shares the CPU with the server, and the lighter it is, the more
 * the numbers say about the server.
 *
 * <pre>java -cp benchmarks.jar dev.pat4j.benchmarks.LoadGenerator PORT PATH HEADERS|- CONNECTIONS SECONDS MAX_REQUESTS</pre>
 * Prints {@code requests=N errors=E seconds=S}.
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String path = args[1];
        List<String> headers = args[2].equals("-") ? List.of() : Files.readAllLines(Path.of(args[2]));
        int connections = Integer.parseInt(args[3]);
        long nanos = (long) (Double.parseDouble(args[4]) * 1e9);
        long maxRequests = Long.parseLong(args[5]);
        AtomicLong budget = new AtomicLong(maxRequests);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + nanos;
        Thread[] threads = new Thread[connections];
        for (int t = 0; t < connections; t++) {
            String header = headers.isEmpty() ? null : headers.get(t % headers.size());
            threads[t] = new Thread(() -> run(port, path, header, deadline, budget, ok, errors), "load-" + t);
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "requests=%d errors=%d seconds=%.3f%n", ok.get(), errors.get(), seconds);
    }

    private static void run(int port, String path, String header, long deadline,
                            AtomicLong budget, AtomicLong ok, AtomicLong errors) {
        String auth = header == null ? "" : "Authorization: " + header + "\r\n";
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[8192];
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            while (System.nanoTime() < deadline && budget.decrementAndGet() >= 0) {
                out.write(request);
                if (readResponse(in, buffer) == 200) {
                    ok.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
            }
        } catch (IOException e) {
            errors.incrementAndGet();
        }
    }

    /** Reads one response with a Content-Length body; returns its status. */
    private static int readResponse(InputStream in, byte[] buffer) throws IOException {
        int n = 0;
        int headerEnd = -1;
        while (headerEnd < 0) {
            int r = in.read(buffer, n, buffer.length - n);
            if (r < 0) {
                throw new IOException("connection closed");
            }
            n += r;
            headerEnd = indexOfBlankLine(buffer, n);
            if (headerEnd < 0 && n == buffer.length) {
                throw new IOException("response head too large");
            }
        }
        String head = new String(buffer, 0, headerEnd, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(head.substring(9, 12));
        int length = contentLength(head);
        int body = n - (headerEnd + 4);
        while (body < length) {
            int r = in.read(buffer, 0, Math.min(buffer.length, length - body));
            if (r < 0) {
                throw new IOException("connection closed");
            }
            body += r;
        }
        return status;
    }

    private static int indexOfBlankLine(byte[] b, int n) {
        for (int i = 3; i < n; i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                return i - 3;
            }
        }
        return -1;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        throw new IllegalStateException("no Content-Length: the harness's servlet always sets one");
    }
}
